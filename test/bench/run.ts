import { parseArgs } from "node:util";
import { anatomyMarkdown } from "./anatomy";
import { type Counted, costMarkdown, costOf, type PhaseCost } from "./cost";
import { checkEvent } from "./invariants";
import { type PhaseResult, runPhase } from "./load";
import { ON_SALE_PASSLESS, onSaleMarkdown, onSaleViolations, runOnSale } from "./on-sale";
import { phases, warmUps } from "./phases";
import { evaluate, markdown, writeJson } from "./report";
import { type Plan, seed } from "./seed";
import { type Server, startServer } from "./server";
import { groupCpuMs, settle } from "./settle";
import { watch } from "./viewers";

/** The binding counts since the last call (the benchmark's Worker entry keeps them). */
const takeUsage = async (base: string): Promise<Counted> => {
  const res = await fetch(`${base}/__bench/usage`);
  return (await res.json()) as Counted;
};

const USAGE = `npm run bench -- [--concurrency <n>] [--out <file.json>] [--smoke] [--on-sale-only]
                          [--server-log <file>]

  --concurrency   requests in flight at once (default 50; 10 with --smoke)
  --out           also write the figures as JSON to this file
  --smoke         a quick run with small counts (seconds), as the test suite does
  --on-sale-only  seed, then run the admission queue's on-sale alone
  --server-log    also write the warnings and errors wrangler dev prints to this file (with the
                  time of each chunk); its "log" level, which would tell of reloads, prints a
                  line per request, and the viewers' phase then times out`;

const RUN_TIME_LIMIT_MS = 30 * 60 * 1000;
/** The runtime's process; the rest of the server's CPU is wrangler's proxy (Node). */
const RUNTIME = "workerd";

const { values: flags } = parseArgs({
  options: {
    concurrency: { type: "string" },
    out: { type: "string" },
    smoke: { type: "boolean", default: false },
    "on-sale-only": { type: "boolean", default: false },
    "server-log": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

const concurrency = Number(flags.concurrency ?? (flags.smoke ? 10 : 50));
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1_000) {
  console.error(`--concurrency must be an integer from 1 to 1000\n\n${USAGE}`);
  process.exit(2);
}

// Smoke sizes only prove that every phase runs and the report prints: a few requests each.
const counts = flags.smoke
  ? {
      events: 11,
      floorRequests: 40,
      listRequests: 20,
      hotBuyers: 20,
      viewers: 5,
      waitlistSeats: 2,
    }
  : {
      events: 100,
      floorRequests: 10_000,
      listRequests: 5_000,
      hotBuyers: 3_000,
      viewers: 2_000,
      waitlistSeats: 300,
    };
const spread = flags.smoke
  ? { spreadEvents: 3, spreadBookings: 20, stormRequests: 20, seatOrders: 20, holdOrders: 10 }
  : {
      spreadEvents: 50,
      spreadBookings: 3_000,
      stormRequests: 2_000,
      seatOrders: 3_000,
      holdOrders: 1_500,
    };
/** The on-sale: joiners before the opening, and the rate the queue admits them at. */
const onSale = flags.smoke
  ? { joiners: 40, admitPerMinute: 1_200 }
  : { joiners: 5_000, admitPerMinute: 3_000 };
/** How long the server must stay quiet between phases to count as idle (see settle.ts). */
const settleSampleMs = flags.smoke ? 200 : 500;
const buyers = Math.max(counts.hotBuyers, counts.waitlistSeats * 10, spread.spreadBookings);
// A few spare attendees, so a request resent after a broken connection still has its own.
const plan: Plan = {
  ...counts,
  ...spread,
  concurrency,
  attendees: Math.max(buyers + 2 * concurrency, onSale.joiners + ON_SALE_PASSLESS),
};

let server: Server | undefined;
let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await server?.stop();
  process.exit(code);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the server`);
    void shutdown(130);
  });
}
setTimeout(() => {
  console.error("the benchmark ran longer than 30 minutes; giving up");
  void shutdown(1);
}, RUN_TIME_LIMIT_MS).unref();

const progress = (message: string) => console.error(`[bench] ${message}`);

const main = async () => {
  progress("migrating a fresh local D1 and starting wrangler dev");
  server = await startServer({ log: flags["server-log"] });
  const base = server.url;
  progress(`server ready on ${base}; seeding ${plan.events} events, ${plan.attendees} attendees`);
  const seeded = await seed(base, plan);
  // Unmeasured warm-up of every path, so the first phases do not pay for compilation.
  for (const spec of warmUps(seeded, plan)) await runPhase(base, spec, concurrency);
  const results: PhaseResult[] = [];
  const violations: string[] = [];
  const costs: PhaseCost[] = [];
  for (const spec of flags["on-sale-only"] ? [] : phases(seeded, plan)) {
    const waited = await settle(server.pid, settleSampleMs);
    progress(`${spec.name}: ${spec.requests} requests at concurrency ${concurrency}`);
    progress(`  (after ${waited} s for the server to go idle)`);
    await takeUsage(base);
    const audience = spec.viewers
      ? await watch(base, spec.viewers.eventId, spec.viewers.count)
      : null;
    const cpuBefore = groupCpuMs(server.pid);
    const runtimeBefore = groupCpuMs(server.pid, RUNTIME);
    const { phase, booked } = await runPhase(base, spec, concurrency);
    spec.keep?.(booked);
    results.push(phase);
    if (audience) {
      progress(`  ${audience.opened} live viewers received ${audience.frames()} frames in all`);
      audience.close();
    }
    // The notification work the phase queued is part of what its requests cost.
    await settle(server.pid, settleSampleMs);
    const cpu = {
      all: groupCpuMs(server.pid) - cpuBefore,
      runtime: groupCpuMs(server.pid, RUNTIME) - runtimeBefore,
    };
    const ledgers = spec.events?.length ?? 0;
    costs.push(costOf(phase, await takeUsage(base), cpu, ledgers));
    if (phase.errors > 0) {
      progress(`  answers by status: ${JSON.stringify(phase.statuses)}`);
      for (const sample of phase.errorSamples) progress(`  unexpected: ${sample}`);
    }
    for (const eventId of spec.events ?? []) {
      const made = [...(spec.earlier?.() ?? []), ...booked];
      violations.push(...(await checkEvent(base, seeded.organizerToken, eventId, made)));
    }
  }
  await settle(server.pid, settleSampleMs);
  progress(
    `on-sale: ${onSale.joiners} join before the opening, admitted at ${onSale.admitPerMinute}/min`,
  );
  const sale = await runOnSale(base, seeded.organizerToken, seeded.attendees, {
    ...onSale,
    concurrency,
  });
  for (const error of sale.errors.slice(0, 10)) progress(`  unexpected: ${error}`);
  violations.push(...onSaleViolations(sale));
  const targets = flags.smoke ? null : evaluate(results, costs, violations);
  console.log(markdown(results, violations, targets));
  console.log(`\n${costMarkdown(costs)}`);
  const anatomy = anatomyMarkdown(results, costs);
  if (anatomy) console.log(`\n${anatomy}`);
  const rps = (prefix: string) => results.find((p) => p.name.startsWith(prefix))?.rps;
  console.log(`\n${onSaleMarkdown(sale, { floor: rps("floor"), health: rps("health") })}`);
  if (flags.out) writeJson(flags.out, plan, results, costs, violations, targets, sale);
  if (results.some((p) => p.errors > 0)) progress(`server output (tail):\n${server.output()}`);
  return violations.length === 0 ? 0 : 1;
};

main().then(
  (code) => shutdown(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    void shutdown(1);
  },
);
