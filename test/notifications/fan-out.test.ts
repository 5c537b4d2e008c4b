import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CHUNK_SIZE } from "../../src/notifications/audience";
import { DELIVERY_BUDGET } from "../../src/notifications/deliveries";
import { createEvent, registerOrganizer } from "../helpers";
import { type Counts, seedBookedAudience, subrequests } from "./audience-helpers";
import { maxOf, measuredDrain } from "./fan-out-measure";
import { deliveriesOf, domainEvent } from "./helpers";

const updatedEvent = async (audience: number, options: { email?: boolean } = {}) => {
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

describe("an audience of any size", () => {
  it("spends a fixed number of subrequests per invocation from 10 to 5,000 recipients", async () => {
    const seen: Record<number, ReturnType<typeof peaks>> = {};
    for (const size of [10, 1_000, 5_000]) {
      const { message } = await updatedEvent(size);
      const { invocations, retried } = await measuredDrain([message]);
      expect(retried).toEqual([]);
      expect(await notifiedCount(message.id)).toBe(size);
      seen[size] = peaks(invocations);
    }
    for (const size of [10, 1_000, 5_000]) {
      const peak = seen[size] as ReturnType<typeof peaks>;
      // Expansion, profiles, claims and records: never more D1 round trips than these four.
      expect(peak.d1).toBeLessThanOrEqual(4);
      expect(peak.queueSends).toBeLessThanOrEqual(2);
      // Nobody in these audiences has a socket open: no hub is woken for them.
      expect(peak.hubCalls).toBe(0);
      expect(peak.subrequests).toBeLessThan(1_000);
    }
    // The same ceiling at 1,000 and at 5,000 recipients: only the number of invocations grows.
    expect(seen[5_000]).toMatchObject({
      d1: seen[1_000]?.d1,
      queueSends: seen[1_000]?.queueSends,
      subrequests: seen[1_000]?.subrequests,
    });
    expect(seen[5_000]?.invocations).toBeGreaterThan(seen[1_000]?.invocations ?? 0);
  }, 300_000);

  it("keeps an invocation under the budget when every recipient has ten devices and email", async () => {
    const { ids, message } = await updatedEvent(2 * CHUNK_SIZE - 20, { email: true });
    const now = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO devices (id, attendee_id, platform, token, created_at)
       SELECT a.value || '-d' || d.value, a.value, 'android', 'tok-' || a.value || '-' || d.value, ?2
       FROM json_each(?1) AS a, json_each('[0,1,2,3,4,5,6,7,8,9]') AS d`,
    )
      .bind(JSON.stringify(ids), now)
      .run();
    // Each has a socket open as far as D1 knows, so each hub is called too.
    await env.DB.prepare(
      `INSERT INTO notification_listeners (attendee_id, connections, version)
       SELECT value, 1, 1 FROM json_each(?1)`,
    )
      .bind(JSON.stringify(ids))
      .run();
    const { invocations, retried } = await measuredDrain([message]);
    expect(retried).toEqual([]);
    // 80 recipients × (hub + email + 10 pushes) do not fit one invocation: the second chunk waits.
    expect(maxOf(invocations, "hubCalls")).toBe(CHUNK_SIZE);
    expect(invocations.filter((c) => c.hubCalls > 0).length).toBe(2);
    expect(maxOf(invocations, (c) => c.hubCalls + c.fetches)).toBeLessThanOrEqual(
      DELIVERY_BUDGET + 1,
    );
    expect(maxOf(invocations, subrequests)).toBeLessThan(1_000);
    const logged = await deliveriesOf(message.id);
    expect(logged.filter((d) => d.channel === "push" && d.status === "sent")).toHaveLength(
      ids.length * 10,
    );
    expect(logged.filter((d) => d.channel === "email" && d.status === "sent")).toHaveLength(
      ids.length,
    );
  }, 120_000);
});
