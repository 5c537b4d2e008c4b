import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fitDomainEvent } from "../../src/contracts/domain-events";
import {
  BATCH_BYTES,
  BATCH_MESSAGES,
  bodyBytes,
  MESSAGE_BYTES,
  packBatches,
} from "../../src/lib/queue-batches";
import type { DomainEvent } from "../../src/notifications/types";
import { as } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { ledgerStub } from "../races/invariants";
import { domainEvent, eventually } from "./helpers";

/** A body whose JSON is exactly `bytes` long once the per-message allowance is counted. */
const bodyOf = (bytes: number) => {
  const empty = bodyBytes({ pad: "" });
  return { pad: "x".repeat(bytes - empty) };
};

const notifiedTypes = async (eventId: string, attendeeId: string) =>
  (
    await env.DB.prepare(
      "SELECT type FROM notifications WHERE event_id = ? AND attendee_id = ? ORDER BY created_at",
    )
      .bind(eventId, attendeeId)
      .all<{ type: string }>()
  ).results.map((r) => r.type);

describe("what the outbox publishes", () => {
  it("packs sendBatch calls up to 256 KB and 100 messages, and never past either", () => {
    const half = { body: bodyOf(BATCH_BYTES / 2) };
    expect(packBatches([half, half, half]).map((b) => b.length)).toEqual([2, 1]);
    const overByOne = { body: bodyOf(BATCH_BYTES / 2 + 1) };
    expect(packBatches([half, overByOne]).map((b) => b.length)).toEqual([1, 1]);
    const tiny = { body: { id: "x" } };
    const counts = packBatches(Array.from({ length: 250 }, () => tiny)).map((b) => b.length);
    expect(counts).toEqual([BATCH_MESSAGES, BATCH_MESSAGES, 50]);
  });

  it("trims a domain event to 128 KB, keeping what delivery reads", () => {
    const event = { title: "Symfony Conference", startDate: "a", endDate: "b", country: "FR" };
    const padded = (bytes: number) => {
      const base = domainEvent({ type: "event.updated", eventId: "e1", data: {} });
      const pad = "x".repeat(bytes - bodyBytes({ ...base, data: { pad: "" } }));
      return { ...base, data: { pad } } as unknown as DomainEvent;
    };
    const atLimit = padded(MESSAGE_BYTES);
    expect(bodyBytes(atLimit)).toBe(MESSAGE_BYTES);
    expect(fitDomainEvent(atLimit)).toBe(atLimit);
    const overByOne = fitDomainEvent(padded(MESSAGE_BYTES + 1));
    expect(overByOne.data).toEqual({ truncated: true, event: undefined, booking: undefined });
    const big = domainEvent({
      type: "event.updated",
      eventId: "e1",
      data: { event, changes: { description: "\u0001".repeat(30_000) } },
    });
    const fitted = fitDomainEvent(big);
    expect(bodyBytes(fitted)).toBeLessThanOrEqual(MESSAGE_BYTES);
    expect(fitted).toMatchObject({
      id: big.id,
      type: "event.updated",
      data: { event, truncated: true },
    });
    const small = domainEvent({ type: "event.updated", eventId: "e1", data: { event } });
    expect(fitDomainEvent(small)).toBe(small);
  });

  it("publishes a backlog of oversized changes without blocking the event's notifications", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { title: "Symfony Conference" });
    const attendee = await registerAttendee("Jean Dupont");
    await as(attendee.token).api.bookings.$post({
      header: {},
      json: { eventId: event.id, attendeeId: attendee.id },
    });
    // A backlog left while the queue was unreachable: 99 changes of 30 KB and one of 200 KB.
    const stub = ledgerStub(event.id);
    await runInDurableObject(stub, (_, state) => {
      for (let i = 0; i < 100; i++) {
        const description = "\u0001".repeat(i === 0 ? 33_000 : 5_000);
        const data = {
          changes: { description },
          event: {
            title: event.title,
            startDate: event.startDate,
            endDate: event.endDate,
            country: "DE",
          },
        };
        state.storage.sql.exec(
          `INSERT INTO outbox (id, type, occurred_at, data, synced, published)
           VALUES (?, 'event.updated', ?, ?, 1, 0)`,
          `backlog-${event.id}-${i}`,
          new Date().toISOString(),
          JSON.stringify(data),
        );
      }
    });
    await runDurableObjectAlarm(stub);
    const unpublished = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec("SELECT count(*) AS n FROM outbox WHERE published = 0").one(),
    );
    expect(unpublished.n).toBe(0);
    // The real queue and consumer deliver every one of them, then the next change too.
    const updates = await eventually(
      () => notifiedTypes(event.id, attendee.id),
      (types) => types.filter((t) => t === "event.updated").length === 100,
      30_000,
    );
    expect(updates.filter((t) => t === "event.updated")).toHaveLength(100);
    const updated = await as(org.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { description: 'é"'.repeat(2_500), country: "ES" },
    });
    expect(updated.status).toBe(200);
    const after = await eventually(
      () => notifiedTypes(event.id, attendee.id),
      (types) => types.filter((t) => t === "event.updated").length === 101,
    );
    expect(after.filter((t) => t === "event.updated")).toHaveLength(101);
  }, 60_000);
});
