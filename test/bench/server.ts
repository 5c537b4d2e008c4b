import { type ChildProcessByStdio, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";

export const root = path.resolve(import.meta.dirname, "../..");
const wrangler = path.join(root, "node_modules/.bin/wrangler");
const MIGRATE_TIMEOUT_MS = 120_000;
const HEALTH_TIMEOUT_MS = 120_000;
const OUTPUT_TAIL = 8_000;
const METERED_ENTRY = "test/bench/metered-worker.ts";
/** Room for the viewers phase's 2,000 sockets on one event (production keeps 1,000). */
const LIVE_VIEWERS_MAX = 2_500;

export interface Server {
  url: string;
  /** The process group of wrangler and the runtimes it started. */
  pid: number;
  /** The last lines wrangler printed (errors of the Worker end up here). */
  output: () => string;
  stop: () => Promise<void>;
}

/** A port nobody listens on right now, found by letting the OS pick one. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** As `npm start` runs it: no metrics, and no fetch of `Request.cf` (this machine may be offline). */
const baseEnv = () => ({
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
});

/** Applies the D1 migrations to the local database under `dir`. */
/** Keeps the last lines a child printed, to show when it fails. */
const tailOf = (child: ChildProcessByStdio<null, Readable, Readable>) => {
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return () => output;
};

const migrate = (dir: string) =>
  new Promise<void>((resolve, reject) => {
    const args = ["d1", "migrations", "apply", "DB", "--local", "--persist-to", dir];
    const child = spawn(wrangler, args, {
      cwd: root,
      env: { ...baseEnv(), CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = tailOf(child);
    const timer = setTimeout(() => child.kill("SIGKILL"), MIGRATE_TIMEOUT_MS);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`migrations failed (exit ${code}):\n${output()}`));
    });
  });

/**
 * Starts `wrangler dev` (the runtime `npm start` uses) on a free port with fresh local
 * state in a temporary directory, and waits until GET /health answers 200.
 */
export const startServer = async ({ log }: { log?: string } = {}): Promise<Server> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "event-booking-bench-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    await migrate(dir);
  } catch (error) {
    removeDir();
    throw error;
  }
  const port = await freePort();
  const inspectorPort = await freePort();
  const secret = randomBytes(32).toString("hex");
  // The app behind a counting entry (test/bench/metered-worker.ts); production never loads it.
  const args = ["dev", METERED_ENTRY, "--ip", "127.0.0.1", "--port", String(port)];
  args.push("--inspector-port", String(inspectorPort), "--persist-to", dir);
  args.push("--var", `JWT_SECRET:${secret}`, "--var", "LOG_LEVEL:error");
  args.push("--var", `LIVE_VIEWERS_MAX:${LIVE_VIEWERS_MAX}`);
  args.push("--show-interactive-dev-session=false", "--log-level", "warn");
  // Its own process group, so stopping it also stops the runtime it spawns.
  const child = spawn(wrangler, args, {
    cwd: root,
    env: baseEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = tailOf(child);
  if (log) {
    const file = createWriteStream(log);
    const write = (chunk: Buffer) => file.write(`[${new Date().toISOString()}] ${chunk}`);
    child.stdout.on("data", write);
    child.stderr.on("data", write);
    child.on("exit", () => file.end());
  }
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  void exit.then(() => {
    exited = true;
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // Last resort when the process ends without calling stop().
  const onExit = () => {
    killGroup("SIGKILL");
    removeDir();
  };
  process.on("exit", onExit);
  const stop = async () => {
    process.off("exit", onExit);
    killGroup("SIGTERM");
    await Promise.race([exit, sleep(5_000)]);
    killGroup("SIGKILL");
    removeDir();
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  try {
    while (!(await healthy(url))) {
      if (exited) throw new Error(`wrangler dev exited before it was ready:\n${output()}`);
      if (Date.now() > deadline) throw new Error(`no healthy server after 120 s:\n${output()}`);
      await sleep(250);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid ?? 0, output, stop };
};

/** A check that cannot hang: the abort covers the body's read too. */
const healthy = async (url: string) => {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 2_000);
  try {
    const res = await fetch(`${url}/health`, { signal: abort.signal });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
};
