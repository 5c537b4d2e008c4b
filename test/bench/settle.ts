import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const SAMPLE_MS = 500;
/** Idle means the whole server used less than 5% of one core during a sample. */
const IDLE_SHARE = 0.05;
const LIMIT_MS = 60_000;
/** Linux reports CPU time in ticks of 1/100 s. */
const TICK_MS = 10;

/**
 * CPU time used so far by every process of the group (wrangler and its runtimes), or by
 * those of one program only (`workerd`, the runtime, without wrangler's proxy).
 */
export const groupCpuMs = (pgid: number, program?: string): number => {
  let total = 0;
  for (const line of execFileSync("ps", ["-eo", "pid=,pgid="]).toString().trim().split("\n")) {
    const [pid, group] = line.trim().split(/\s+/).map(Number);
    if (group !== pgid) continue;
    try {
      if (program && readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== program) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
};

/**
 * Waits (at most a minute) until the server is idle, so work a phase left running in
 * the background (queue consumers, notifications) is not billed to the next phase.
 * Without /proc it pauses five seconds instead. Returns the seconds waited. Shorter
 * samples (the smoke run's) tell idle sooner, from coarser readings.
 */
export const settle = async (pgid: number, sampleMs = SAMPLE_MS): Promise<number> => {
  const started = Date.now();
  if (!existsSync("/proc/self/stat")) {
    await sleep(5_000);
  } else {
    let before = groupCpuMs(pgid);
    let quietSamples = 0;
    while (quietSamples < 2 && Date.now() - started < LIMIT_MS) {
      await sleep(sampleMs);
      const now = groupCpuMs(pgid);
      quietSamples = now - before <= sampleMs * IDLE_SHARE ? quietSamples + 1 : 0;
      before = now;
    }
  }
  return Math.round((Date.now() - started) / 100) / 10;
};
