import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { createEvent, registerOrganizer } from "../helpers";
import { type Counts, countingD1, subrequests, zeroCounts } from "../subrequests";
import { seedBookedAudience } from "./audience-helpers";
import { collectingQueue, consume, domainEvent } from "./helpers";

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
      // Cleared each time: a spy that kept every answer would keep their connections too.
      fetches.mockClear();
      const result = await consume(batch, {
        ...overrides,
        DB: countingD1(env.DB, counts),
        NOTIFY_QUEUE: countingQueue(queue, counts),
        ATTENDEE_HUB: countingHubs(env.ATTENDEE_HUB, counts),
      });
      counts.fetches = fetches.mock.calls.length;
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

/** An event `audience` attendees hold seats of, and the change every one of them is told. */
export const updatedEvent = async (audience: number, options: { email?: boolean } = {}) => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token, { capacity: 100_000 });
  const ids = await seedBookedAudience(event.id, audience, options);
  const message = domainEvent({
    type: "event.updated",
    eventId: event.id,
    data: {
      event: {
        title: event.title,
        startDate: event.startDate,
        endDate: event.endDate,
        country: "DE",
      },
    },
  });
  return { event, ids, message };
};

const notifiedCount = async (domainEventId: string) =>
  (
    await env.DB.prepare(
      "SELECT count(DISTINCT attendee_id) AS n FROM notifications WHERE domain_event_id = ?",
    )
      .bind(domainEventId)
      .first<{ n: number }>()
  )?.n;

const peaks = (invocations: Counts[]) => ({
  invocations: invocations.length,
  d1: maxOf(invocations, "d1"),
  queueSends: maxOf(invocations, "queueSends"),
  hubCalls: maxOf(invocations, "hubCalls"),
  fetches: maxOf(invocations, "fetches"),
  subrequests: maxOf(invocations, subrequests),
});

/**
 * Fans a change out to audiences of each size, smallest first, and checks that every
 * invocation stays under the same ceiling: at the two largest sizes, the same peaks, and
 * only the number of invocations grows.
 */
export const expectFixedCeiling = async (sizes: number[]) => {
  const seen = new Map<number, ReturnType<typeof peaks>>();
  for (const size of sizes) {
    const { message } = await updatedEvent(size);
    const { invocations, retried } = await measuredDrain([message]);
    expect(retried).toEqual([]);
    expect(await notifiedCount(message.id)).toBe(size);
    seen.set(size, peaks(invocations));
  }
  for (const peak of seen.values()) {
    // Expansion, profiles, claims and records: never more D1 round trips than these four.
    expect(peak.d1).toBeLessThanOrEqual(4);
    expect(peak.queueSends).toBeLessThanOrEqual(2);
    // Nobody in these audiences has a socket open: no hub is woken for them.
    expect(peak.hubCalls).toBe(0);
    expect(peak.subrequests).toBeLessThan(1_000);
  }
  const [large, larger] = sizes.slice(-2).map((size) => seen.get(size));
  expect(larger).toMatchObject({
    d1: large?.d1,
    queueSends: large?.queueSends,
    subrequests: large?.subrequests,
  });
  expect(larger?.invocations).toBeGreaterThan(large?.invocations ?? 0);
};
