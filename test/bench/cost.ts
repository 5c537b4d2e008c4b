import type { PhaseResult } from "./load";
import type { Origin, Usage } from "./meter";

/**
 * Cloudflare's published prices on the paid plans, past the included amounts, as read
 * on 2026-11-22 (Workers, Durable Objects, D1 and Queues pricing pages).
 */
export const PRICES = {
  workerRequest: 0.3 / 1e6,
  workerCpuMs: 0.02 / 1e6,
  doRequest: 0.15 / 1e6,
  doGbSecond: 12.5 / 1e6,
  d1RowRead: 0.001 / 1e6,
  d1RowWritten: 1 / 1e6,
  queueOperation: 0.4 / 1e6,
};

/** Durable Objects bill duration at 128 MB per active object. */
const DO_GB = 0.128;

/** What the benchmark's Worker entry counted (test/bench/meter.ts). */
export interface Counted {
  usage: Record<Origin, Usage>;
  consumer: { invocations: number; messages: number };
}

/** One phase's work per request; `cpuMs` is the CPU all server processes used, settled. */
export interface PhaseCost {
  name: string;
  requests: number;
  d1: Record<"request" | "ledger" | "consumer", { calls: number; statements: number }>;
  rowsRead: number;
  rowsWritten: number;
  doRequests: number;
  queueOperations: number;
  workerInvocations: number;
  cpuMs: number;
  /** Of `cpuMs`, what the runtime (workerd) used: the rest is wrangler's proxy. */
  runtimeCpuMs: number;
  doGbSeconds: number;
  /** Dollars per million requests, by product. */
  bill: Record<"workers" | "durableObjects" | "d1" | "queues", number>;
}

const per = (value: number, requests: number) => Math.round((value / requests) * 1000) / 1000;

const sum = (counted: Counted, key: keyof Usage) =>
  Object.values(counted.usage).reduce((total, u) => total + u[key], 0);

export const costOf = (
  phase: PhaseResult,
  counted: Counted,
  cpu: { all: number; runtime: number },
  ledgers: number,
): PhaseCost => {
  const n = Math.max(1, phase.requests);
  const d1 = (origin: Origin) => ({
    calls: per(counted.usage[origin].d1Calls, n),
    statements: per(counted.usage[origin].d1Statements, n),
  });
  // Each message is written once, then read and deleted once by the consumer.
  const queueOperations = sum(counted, "queueWrites") + 2 * counted.consumer.messages;
  const workerInvocations = phase.requests + counted.consumer.invocations;
  // A busy ledger stays in memory for the whole phase; an idle one may hibernate.
  const doGbSeconds = ledgers * phase.seconds * DO_GB;
  const perMillion = (dollars: number) => Math.round((dollars / n) * 1e6 * 100) / 100;
  const bill = {
    workers: perMillion(workerInvocations * PRICES.workerRequest + cpu.all * PRICES.workerCpuMs),
    durableObjects: perMillion(
      sum(counted, "doRequests") * PRICES.doRequest + doGbSeconds * PRICES.doGbSecond,
    ),
    d1: perMillion(
      sum(counted, "rowsRead") * PRICES.d1RowRead +
        sum(counted, "rowsWritten") * PRICES.d1RowWritten,
    ),
    queues: perMillion(queueOperations * PRICES.queueOperation),
  };
  return {
    name: phase.name,
    requests: phase.requests,
    d1: { request: d1("request"), ledger: d1("ledger"), consumer: d1("consumer") },
    rowsRead: per(sum(counted, "rowsRead"), n),
    rowsWritten: per(sum(counted, "rowsWritten"), n),
    doRequests: per(sum(counted, "doRequests"), n),
    queueOperations: per(queueOperations, n),
    workerInvocations: per(workerInvocations, n),
    cpuMs: per(cpu.all, n),
    runtimeCpuMs: per(cpu.runtime, n),
    doGbSeconds: per(doGbSeconds * 1e6, n) / 1e6,
    bill,
  };
};

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const pair = (d: { calls: number; statements: number }) => `${d.calls} / ${d.statements}`;

export const costMarkdown = (costs: PhaseCost[]) =>
  [
    "Per request (D1 as round trips / statements):",
    "",
    row([
      "Phase",
      "D1 request path",
      "D1 ledger",
      "D1 consumer",
      "rows read",
      "rows written",
      "DO requests",
      "queue ops",
      "Worker invocations",
      "CPU ms",
      "of it workerd",
    ]),
    row(["---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:"]),
    ...costs.map((c) =>
      row([
        c.name,
        pair(c.d1.request),
        pair(c.d1.ledger),
        pair(c.d1.consumer),
        c.rowsRead,
        c.rowsWritten,
        c.doRequests,
        c.queueOperations,
        c.workerInvocations,
        c.cpuMs,
        c.runtimeCpuMs,
      ]),
    ),
    "",
    "Dollars per million requests:",
    "",
    row(["Phase", "Workers", "Durable Objects", "D1", "Queues", "Total"]),
    row(["---", "--:", "--:", "--:", "--:", "--:"]),
    ...costs.map(({ name, bill: b }) =>
      row([name, ...[b.workers, b.durableObjects, b.d1, b.queues].map(money), money(total(b))]),
    ),
  ].join("\n");

const money = (dollars: number) => dollars.toFixed(2);
const total = (bill: PhaseCost["bill"]) => Object.values(bill).reduce((a, b) => a + b, 0);
