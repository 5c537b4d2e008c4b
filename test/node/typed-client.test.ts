import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { expect, it } from "vitest";
import { openapiDocument, root, runTool } from "./document";

it("generates a TypeScript client that types a whole booking flow, promoted nullable", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "typed-client-"));
  const ast = await openapiTS(await openapiDocument());
  await writeFile(path.join(dir, "api.d.ts"), astToString(ast));
  await copyFile(path.join(root, "test/node/client-flow/flow.ts"), path.join(dir, "flow.ts"));
  const { code, stdout } = await runTool(
    "tsc",
    [
      "--noEmit",
      "--strict",
      "--target",
      "ES2022",
      "--module",
      "ESNext",
      "--moduleResolution",
      "Bundler",
      "--lib",
      "ES2023",
      "flow.ts",
    ],
    dir,
  );
  expect(stdout).toBe("");
  expect(code).toBe(0);
}, 60_000);
