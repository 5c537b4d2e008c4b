import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApp } from "../../src/app";

export const root = path.resolve(import.meta.dirname, "../..");

/** The document the Worker serves at /openapi.json. */
export const openapiDocument = async (): Promise<any> => {
  const res = await createApp().request("/openapi.json", {}, { LOG_LEVEL: "silent" });
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  return res.json();
};

/** A fresh directory holding the document as openapi.json. */
export const documentOnDisk = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "openapi-"));
  await writeFile(path.join(dir, "openapi.json"), JSON.stringify(await openapiDocument()));
  return dir;
};

/** Runs one of the project's installed command-line tools; never throws on a non-zero exit. */
export const runTool = (bin: string, args: string[], cwd: string) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin", bin), args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
