import type { PhaseCost } from "./cost";
import type { PhaseResult } from "./load";
import { FLOOR_AGAIN, PARTS } from "./phases";

/**
 * What bounds a booking's rate, from figures of the same run: every phase keeps the
 * server's cores about equally busy (requests a second times CPU per request), so a
 * phase's rate against the floor is the floor's CPU per request against its own; and a
 * hot booking's CPU is taken apart into the parts the "part:" phases measured alone.
 */
const HOT = "flash sale: hot event, all confirm";
const STORM = "duplicate storm";
const SHOWN = ["floor", "health", HOT, "spread", STORM, "part:"];
/** The hot event's target against the floor (issue: the hot path). */
const HOT_TARGET = 0.6;

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const ms = (value: number) => value.toFixed(2);

export const anatomyMarkdown = (phases: PhaseResult[], costs: PhaseCost[]): string => {
  const cost = (prefix: string) => costs.find((c) => c.name.startsWith(prefix));
  const rate = (prefix: string) => phases.find((p) => p.name.startsWith(prefix))?.rps ?? 0;
  const part = (index: number) => cost(`part: ${PARTS[index]?.name}`);
  const [floor, storm, hot] = [cost("floor"), cost(STORM), cost(HOT)];
  // The parts ran next to the second floor, the hot booking between the two: the app's
  // share is taken from both floors' mean.
  const near = cost(FLOOR_AGAIN);
  const [none, call, write, d1, queue] = [part(0), part(1), part(2), part(3), part(4)];
  if (!floor || !near || !storm || !hot || !none || !call || !write || !d1 || !queue) return "";
  // The parts are served before the app: each is taken against the bare request.
  const bare = none.cpuMs;
  const app = (floor.cpuMs + near.cpuMs) / 2 - bare;
  const busy = costs
    .filter((c) => SHOWN.some((prefix) => c.name.startsWith(prefix)))
    .map((c) => {
      const rps = rate(c.name);
      return row([
        c.name,
        rps,
        ms(c.cpuMs),
        ms(c.runtimeCpuMs),
        ((rps * c.cpuMs) / 1000).toFixed(2),
      ]);
    });
  const d1Trip = d1.cpuMs - bare;
  // Each message is written, read and deleted: three operations.
  const messages = hot.queueOperations / 3;
  const parts: [string, number, number][] = [
    ["a request the Worker answers at once (part: none)", 1, bare],
    ["the app's middleware and routing (the floor's mean, less part: none)", 1, app],
    ["the ledger call (part: call, less part: none)", 1, call.cpuMs - bare],
    [
      "the token's signature, the body's validation and the ledger's checks (duplicate storm, less the three above)",
      1,
      storm.cpuMs - app - call.cpuMs,
    ],
    [
      "the decision's rows in one transaction (part: write, less part: call)",
      1,
      write.cpuMs - call.cpuMs,
    ],
    [
      "the ledger's D1 copies (part: d1, less part: none, per round trip)",
      hot.d1.ledger.calls,
      d1Trip,
    ],
    ["the consumer's D1 batches (the same, per round trip)", hot.d1.consumer.calls, d1Trip],
    [
      "queue messages, sent and consumed (part: queue, less part: none)",
      messages,
      queue.cpuMs - bare,
    ],
  ];
  const explained = parts.reduce((sum, [, count, each]) => sum + count * each, 0);
  return [
    "Cores kept busy (requests a second times CPU ms per request):",
    "",
    row(["Phase", "req/s", "CPU ms", "of it workerd", "cores busy"]),
    row(["---", "--:", "--:", "--:", "--:"]),
    ...busy,
    "",
    "A hot booking's CPU, by part (each part's CPU measured alone in this run):",
    "",
    row(["Part", "per booking", "CPU ms each", "CPU ms per booking"]),
    row(["---", "--:", "--:", "--:"]),
    ...parts.map(([name, count, each]) =>
      row([name, count.toFixed(3), ms(each), ms(count * each)]),
    ),
    row(["the parts together", "", "", ms(explained)]),
    row([
      "the rest, not measured alone (the notification's rendering and routing, the answer)",
      "",
      "",
      ms(hot.cpuMs - explained),
    ]),
    row(["a hot booking, measured", "", "", ms(hot.cpuMs)]),
    row([
      `at ${HOT_TARGET} x the floor's rate, a booking may cost`,
      "",
      "",
      ms(floor.cpuMs / HOT_TARGET),
    ]),
  ].join("\n");
};
