import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { type Counts, countingD1, zeroCounts } from "./audience-helpers";
import { collectingQueue, consume } from "./helpers";

const countingQueue = (queue: Queue, counts: Counts): Queue =>
  ({
    send: (body: unknown) => {
      counts.queueSends++;
      return queue.send(body);
    },
    sendBatch: (messages: Iterable<MessageSendRequest>) => {
      counts.queueSends++;
      return queue.sendBatch(messages);
    },
  }) as unknown as Queue;

const countingHubs = (hubs: Env["ATTENDEE_HUB"], counts: Counts): Env["ATTENDEE_HUB"] =>
  new Proxy(hubs, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop !== "get") return typeof value === "function" ? value.bind(target) : value;
      return (id: DurableObjectId) => {
        const stub = target.get(id);
        return new Proxy(stub, {
          get(s, p) {
            const member = Reflect.get(s, p, s);
            if (p !== "deliver") return member;
            return (...args: unknown[]) => {
              counts.hubCalls++;
              return (member as (...a: unknown[]) => unknown)(...args);
            };
          },
        });
      };
    },
  });

/**
 * Runs the real queue handler until the fan-out is done, as the queue would: batches of
 * `batchSize`, each invocation with its own counters for D1, queue sends, hub calls and
 * outbound fetches. Answers each invocation's counts.
 */
export const measuredDrain = async (
  events: unknown[],
  overrides: Partial<Env> = {},
  batchSize = 25,
) => {
  const { queue, sent } = collectingQueue();
  const fetches = vi.spyOn(globalThis, "fetch");
  const invocations: Counts[] = [];
  let pending = [...events];
  try {
    while (pending.length > 0) {
      const counts = zeroCounts();
      const batch = pending.slice(0, batchSize);
      pending = pending.slice(batchSize);
      const before = fetches.mock.calls.length;
      const result = await consume(batch, {
        ...overrides,
        DB: countingD1(env.DB, counts),
        NOTIFY_QUEUE: countingQueue(queue, counts),
        ATTENDEE_HUB: countingHubs(env.ATTENDEE_HUB, counts),
      });
      counts.fetches = fetches.mock.calls.length - before;
      invocations.push(counts);
      if (result.retryMessages.length > 0) return { invocations, retried: result.retryMessages };
      pending.push(...sent.splice(0));
    }
  } finally {
    fetches.mockRestore();
  }
  return { invocations, retried: [] };
};

export const maxOf = (invocations: Counts[], key: keyof Counts | ((c: Counts) => number)) =>
  Math.max(...invocations.map((c) => (typeof key === "function" ? key(c) : c[key])));
