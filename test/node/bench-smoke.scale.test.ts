import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const TIMEOUT_MS = 240_000;

/** Runs the benchmark with small counts, so it keeps working as the API changes. */
const runSmoke = () =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(
      "npx",
      ["tsx", "--experimental-websocket", "test/bench/run.ts", "--smoke"],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    // The benchmark stops its server on SIGTERM; this only fires if it hangs.
    const timer = setTimeout(() => child.kill("SIGTERM"), TIMEOUT_MS - 10_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

it(
  "runs every phase against a local server and finds no invariant violated",
  async () => {
    const { code, stdout, stderr } = await runSmoke();
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^\| Phase \| Requests \|/m);
    const names = ["floor", "health", "list", "flash sale", "spread", "duplicate storm", "seats"];
    for (const phase of names) {
      expect(stdout).toContain(`| ${phase}`);
    }
    expect(stdout).toContain("| holds");
    expect(stdout).toContain("live viewers");
    // The binding counts reached the report: a booking with a signed token makes no D1 round
    // trip on the request path (the event's existence, once per isolate, aside), and its
    // ledger's copy does make some.
    expect(stdout).toMatch(
      /^\| flash sale: hot event, all confirm \| 0(?:\.\d+)? \/ 0(?:\.\d+)? \| (?!0 \/)[\d.]+ \/ /m,
    );
    expect(stdout).toContain("Dollars per million requests:");
    expect(stdout).toContain("Invariant violations: none");
    // Targets describe full-size runs; smoke counts are too small to judge them.
    expect(stdout).toContain("Targets: not judged at --smoke sizes.");
    expect(stdout).not.toMatch(/Hot event >= 0\.6 x floor/);
    // A booking's parts ran alone, and the booking's CPU was taken apart into them.
    for (const part of ["a ledger call", "a D1 batch", "a queue message"]) {
      expect(stdout).toContain(`| part: ${part}`);
    }
    expect(stdout).toMatch(/^\| a hot booking, measured \| {2}\| {2}\| [\d.]+ \|$/m);
  },
  TIMEOUT_MS,
);
