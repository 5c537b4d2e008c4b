import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, it } from "vitest";
import { root } from "../bench/server";

const { EDGES } = createRequire(import.meta.url)("../layers.cjs") as {
  EDGES: Record<string, string[]>;
};

it("draws in the README exactly the layer edges the dependency rules enforce", async () => {
  const readme = await readFile(path.join(root, "README.md"), "utf8");
  const drawing = readme.match(/<!-- layers:begin -->([\s\S]*?)<!-- layers:end -->/)?.[1] ?? "";
  const drawn = [...drawing.matchAll(/^\s*(\w+) --> (\w+)\s*$/gm)].map(([, a, b]) => `${a}>${b}`);
  const enforced = Object.entries(EDGES).flatMap(([from, to]) => to.map((b) => `${from}>${b}`));
  expect(drawn.sort()).toEqual(enforced.sort());
  expect(drawn.length).toBeGreaterThan(0);
});

it("gives every folder of src/ a layer, so no code sits outside the rules", async () => {
  const { readdir } = await import("node:fs/promises");
  const folders = (await readdir(path.join(root, "src"), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  expect(folders.sort()).toEqual(Object.keys(EDGES).sort());
});
