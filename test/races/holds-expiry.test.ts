import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { as, bodyIn } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, ledgerStub } from "./invariants";
import { expectSeatInvariants, order } from "./seat-invariants";

/** Moves these holds' expiry into the past, as if their minutes had gone by. */
const lapse = (eventId: string, bookingIds: string[]) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => {
    for (const id of bookingIds) {
      state.storage.sql.exec("UPDATE bookings SET expires_at = ? WHERE id = ?", Date.now() - 1, id);
    }
  });

describe("holds expiring while confirmations and cancellations race", () => {
  it("keeps every guarantee, and no lapsed hold is ever confirmed", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 20, waitlistEnabled: true });
    const holders = await attendeesFor(20);
    const waiters = await attendeesFor(20);
    const holds = await Promise.all(holders.map((b) => order(event.id, b, { hold: true })));
    const waiting = await Promise.all(
      waiters.map((b, i) => order(event.id, b, { seats: (i % 3) + 1 })),
    );
    const held = holds.map((r) => bodyIn(r, 201));
    const queued = waiting.map((r) => bodyIn(r, 201));
    expect(held.every((b) => b.status === "pending")).toBe(true);
    expect(queued.every((b) => b.status === "waitlisted")).toBe(true);
    await runDurableObjectAlarm(ledgerStub(event.id));

    const lapsed = held.filter((_, i) => i % 2 === 0).map((b) => b.id);
    await lapse(event.id, lapsed);
    const answers = await Promise.all([
      runDurableObjectAlarm(ledgerStub(event.id)).then(() => ({ status: 200 })),
      ...held.map((b, i) =>
        as(holders[i]?.token ?? "").api.bookings[":id"].confirm.$post({ param: { id: b.id } }),
      ),
      ...held
        .filter((_, i) => i % 4 === 1)
        .map((b, i) =>
          as(holders[i * 4 + 1]?.token ?? "").api.bookings[":id"].$delete({ param: { id: b.id } }),
        ),
      ...queued
        .filter((_, i) => i % 3 === 0)
        .map((b, i) =>
          as(waiters[i * 3]?.token ?? "").api.bookings[":id"].$delete({ param: { id: b.id } }),
        ),
    ]);
    for (const res of answers) expect([200, 409]).toContain(res.status);

    await runDurableObjectAlarm(ledgerStub(event.id));
    const { rows } = await expectSeatInvariants(event.id, 20);
    const statusOf = new Map(rows.map((r) => [r.id, r.status]));
    for (const id of lapsed) expect(statusOf.get(id)).toBe("expired");
    for (const b of held) expect(statusOf.get(b.id)).not.toBe("pending");
  });
});
