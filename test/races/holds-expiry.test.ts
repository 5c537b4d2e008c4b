import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createEvent, registerOrganizer } from "../helpers";
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
    expect(holds.every((r) => r.body.status === "pending")).toBe(true);
    expect(waiting.every((r) => r.body.status === "waitlisted")).toBe(true);
    await runDurableObjectAlarm(ledgerStub(event.id));

    const lapsed = holds.filter((_, i) => i % 2 === 0).map((r) => r.body.id as string);
    await lapse(event.id, lapsed);
    const answers = await Promise.all([
      runDurableObjectAlarm(ledgerStub(event.id)).then(() => ({ status: 200 })),
      ...holds.map((r, i) =>
        api("POST", `/api/bookings/${r.body.id}/confirm`, { token: holders[i]?.token }),
      ),
      ...holds
        .filter((_, i) => i % 4 === 1)
        .map((r, i) =>
          api("DELETE", `/api/bookings/${r.body.id}`, { token: holders[i * 4 + 1]?.token }),
        ),
      ...waiting
        .filter((_, i) => i % 3 === 0)
        .map((r, i) =>
          api("DELETE", `/api/bookings/${r.body.id}`, { token: waiters[i * 3]?.token }),
        ),
    ]);
    for (const res of answers) expect([200, 409]).toContain(res.status);

    await runDurableObjectAlarm(ledgerStub(event.id));
    const { rows } = await expectSeatInvariants(event.id, 20);
    const statusOf = new Map(rows.map((r) => [r.id, r.status]));
    for (const id of lapsed) expect(statusOf.get(id)).toBe("expired");
    for (const r of holds) expect(statusOf.get(r.body.id)).not.toBe("pending");
  });
});
