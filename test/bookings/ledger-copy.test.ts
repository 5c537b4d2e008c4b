import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as, bodyIn, bodyOf } from "../client";
import { ledgerStub } from "../races/invariants";
import { attendeesNamed, booked, cancel, organizerWithEvent } from "./helpers";

describe("the ledger and D1", () => {
  it("hold the same bookings and counters after a sequence of changes", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 2, waitlistEnabled: true });
    const [a, b, c, d, e] = await attendeesNamed("A", "B", "C", "D", "E");
    const ba = await booked(event.id, a);
    await booked(event.id, b);
    await booked(event.id, c);
    const bd = await booked(event.id, d);
    expect(bodyIn(await cancel(a.token, ba.id), 200).promoted?.attendeeId).toBe(c.id);
    expect(bodyIn(await cancel(d.token, bd.id), 200).promoted).toBeNull();
    await booked(event.id, d);
    await booked(event.id, e);
    const patched = await as(organizer.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { capacity: 3 },
    });
    await bodyOf(patched, 200);
    await booked(event.id, a);

    const stub = ledgerStub(event.id);
    const ledger = await runInDurableObject(stub, (_instance, state) => ({
      bookings: state.storage.sql.exec("SELECT id, status FROM bookings ORDER BY id").toArray(),
      event: state.storage.sql.exec("SELECT capacity, confirmed, waitlisted FROM event").one(),
    }));
    const d1Bookings = await env.DB.prepare(
      "SELECT id, status FROM bookings WHERE event_id = ? ORDER BY id",
    )
      .bind(event.id)
      .all();
    const d1Event = await env.DB.prepare(
      "SELECT capacity, booked_count AS confirmed, waitlist_count AS waitlisted FROM events WHERE id = ?",
    )
      .bind(event.id)
      .first();

    expect(ledger.bookings).toHaveLength(7);
    expect(d1Bookings.results).toEqual(ledger.bookings);
    expect(d1Event).toEqual(ledger.event);
    expect(ledger.event).toEqual({ capacity: 3, confirmed: 3, waitlisted: 2 });
    expect(ledger.bookings.map((row) => row.status).sort()).toEqual([
      "cancelled",
      "cancelled",
      "confirmed",
      "confirmed",
      "confirmed",
      "waitlisted",
      "waitlisted",
    ]);
  });
});
