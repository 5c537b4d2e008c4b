import { writeFileSync } from "node:fs";
import os from "node:os";
import type { PhaseCost } from "./cost";
import type { PhaseResult } from "./load";
import type { OnSaleResult } from "./on-sale";
import type { Plan } from "./seed";

export interface Targets {
  hotRatio: number;
  hotNearFloor: boolean;
  spreadRatio: number;
  spreadNearFloor: boolean;
  /** D1 round trips of a hot booking on its request path, and in its ledger. */
  requestPathTrips: number;
  noRequestPathTrips: boolean;
  ledgerTrips: number;
  ledgerGroupsCopies: boolean;
  /** Dollars per million hot bookings, from the cost table. */
  dollars: number;
  cheap: boolean;
  /** The hot sale with live viewers against the same sale without them. */
  watchedRatio: number;
  viewersCostLittle: boolean;
  /** D1 statements the queue consumer ran per hot-event booking. */
  consumerStatements: number;
  consumerBatches: boolean;
  noErrors: boolean;
  noViolations: boolean;
  spreadAtLeastHot: boolean;
  /** Orders of several ticket types against orders of as many seats of one. */
  typedRatio: number;
  typesCostLittle: boolean;
  hold: boolean;
}

const HOT = 3;
const WATCHED = 4;
const SPREAD = 6;
const SEATS = 8;
const TYPED = 9;

export const evaluate = (
  phases: PhaseResult[],
  costs: PhaseCost[],
  violations: string[],
): Targets => {
  const floor = phases[0]?.rps ?? 0;
  const hot = phases[HOT]?.rps ?? 0;
  const spread = phases[SPREAD]?.rps ?? 0;
  const hotRatio = floor > 0 ? hot / floor : 0;
  const watchedRatio = hot > 0 ? (phases[WATCHED]?.rps ?? 0) / hot : 0;
  const seats = phases[SEATS]?.rps ?? 0;
  const typedRatio = seats > 0 ? (phases[TYPED]?.rps ?? 0) / seats : 0;
  const consumerStatements = costs[HOT]?.d1.consumer.statements ?? Number.POSITIVE_INFINITY;
  const spreadRatio = floor > 0 ? spread / floor : 0;
  const requestPathTrips = costs[HOT]?.d1.request.calls ?? Number.POSITIVE_INFINITY;
  const ledgerTrips = costs[HOT]?.d1.ledger.calls ?? Number.POSITIVE_INFINITY;
  const bill = costs[HOT]?.bill;
  const dollars = bill ? Object.values(bill).reduce((a, b) => a + b, 0) : Number.POSITIVE_INFINITY;
  const targets = {
    hotRatio: Math.round(hotRatio * 100) / 100,
    hotNearFloor: hotRatio >= 0.6,
    spreadRatio: Math.round(spreadRatio * 100) / 100,
    spreadNearFloor: spreadRatio >= 0.5,
    requestPathTrips,
    // A booking makes none; an isolate's first bookings of an event ask D1 once whether it
    // exists (those arriving together each ask): a few a phase, under 0.005 a booking.
    noRequestPathTrips: requestPathTrips < 0.005,
    ledgerTrips,
    ledgerGroupsCopies: ledgerTrips <= 0.2,
    dollars: Math.round(dollars * 100) / 100,
    cheap: dollars <= 10,
    watchedRatio: Math.round(watchedRatio * 100) / 100,
    viewersCostLittle: watchedRatio >= 0.9,
    consumerStatements,
    consumerBatches: consumerStatements <= 0.2,
    noErrors: phases.every((p) => p.errors === 0),
    noViolations: violations.length === 0,
    spreadAtLeastHot: spread >= hot,
    typedRatio: Math.round(typedRatio * 100) / 100,
    typesCostLittle: typedRatio >= 0.85,
  };
  return { ...targets, hold: Object.values(targets).every((v) => v !== false) };
};

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

/** `targets` is null at smoke sizes: a few hundred requests say nothing about throughput. */
export const markdown = (phases: PhaseResult[], violations: string[], targets: Targets | null) => {
  const floor = phases[0]?.rps ?? 0;
  const lines = [
    row(
      ["Phase", "Requests", "Conc.", "req/s", "× floor", "p50 ms", "p90 ms", "p99 ms"].concat([
        "Errors",
        "Expected refusals",
      ]),
    ),
    row(["---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:"]),
    ...phases.map((p) =>
      row([
        p.name,
        p.requests,
        p.concurrency,
        p.rps,
        floor > 0 ? (p.rps / floor).toFixed(2) : "-",
        p.p50,
        p.p90,
        p.p99,
        p.errors,
        p.expectedRefusals,
      ]),
    ),
  ];
  const verdict = (ok: boolean) => (ok ? "yes" : "NO");
  lines.push(
    "",
    `Invariant violations: ${violations.length === 0 ? "none" : violations.length}`,
    ...violations.map((v) => `- ${v}`),
  );
  if (!targets) {
    lines.push("Targets: not judged at --smoke sizes.");
    return lines.join("\n");
  }
  lines.push(
    `Hot event >= 0.6 x floor: ${verdict(targets.hotNearFloor)} (${targets.hotRatio} x)` +
      `; spread >= 0.5 x floor: ${verdict(targets.spreadNearFloor)} (${targets.spreadRatio} x)` +
      `; hot booking's D1 round trips on the request path 0: ${verdict(targets.noRequestPathTrips)}` +
      ` (${targets.requestPathTrips}), in the ledger <= 0.2: ${verdict(targets.ledgerGroupsCopies)}` +
      ` (${targets.ledgerTrips})` +
      `; <= $10 per million hot bookings: ${verdict(targets.cheap)} ($${targets.dollars})` +
      `; with live viewers >= 0.9 x without: ${verdict(targets.viewersCostLittle)} (${targets.watchedRatio} x)` +
      `; consumer D1 statements per booking <= 0.2: ${verdict(targets.consumerBatches)}` +
      ` (${targets.consumerStatements})` +
      `; zero errors: ${verdict(targets.noErrors)}` +
      `; spread >= hot: ${verdict(targets.spreadAtLeastHot)}` +
      `; ticket types >= 0.85 x one type: ${verdict(targets.typesCostLittle)} (${targets.typedRatio} x)`,
  );
  return lines.join("\n");
};

export const writeJson = (
  file: string,
  plan: Plan,
  phases: PhaseResult[],
  costs: PhaseCost[],
  violations: string[],
  targets: Targets | null,
  onSale: OnSaleResult,
) => {
  const machine = { cpus: os.cpus().length, platform: os.platform(), node: process.version };
  const report = {
    at: new Date().toISOString(),
    machine,
    plan,
    phases,
    costs,
    violations,
    targets,
    onSale,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
};
