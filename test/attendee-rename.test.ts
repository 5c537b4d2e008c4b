import { describe, expect, it } from "vitest";
import { as, bodyOf } from "./client";
import { createEvent, registerAttendee, registerOrganizer } from "./helpers";

type Caller = { id: string; token: string };

const book = async (who: Caller, eventId: string, hold?: boolean) =>
  bodyOf(
    await as(who.token).api.bookings.$post({
      header: {},
      json: { eventId, attendeeId: who.id, ...(hold ? { hold } : {}) },
    }),
    201,
  );

const rename = async (who: Caller, name: string) =>
  bodyOf(
    await as(who.token).api.attendees[":id"].$patch({ param: { id: who.id }, json: { name } }),
    200,
  );

const bookingAs = async (token: string, id: string) =>
  bodyOf(await as(token).api.bookings[":id"].$get({ param: { id } }), 200);

describe("renaming an attendee who holds bookings", () => {
  it("shows the new name in the ledger's answers as in every read", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 1, waitlistEnabled: true });
    const alice = await registerAttendee("Alice");
    const bob = await registerAttendee("Bob");
    const booked = await book(alice, event.id);
    const waiting = await book(bob, event.id);
    expect(waiting.status).toBe("waitlisted");
    await rename(alice, "Alice Martin");
    await rename(bob, "Bob Durand");

    const res = await as(alice.token).api.bookings[":id"].$delete({ param: { id: booked.id } });
    const cancelled = await bodyOf(res, 200);
    expect(cancelled.booking.attendee).toEqual({ id: alice.id, name: "Alice Martin" });
    expect(cancelled.promoted?.attendee).toEqual({ id: bob.id, name: "Bob Durand" });
    expect(cancelled.promotions).toEqual([cancelled.promoted]);
    const reads = await Promise.all([booked, waiting].map((b) => bookingAs(org.token, b.id)));
    expect(reads).toEqual([cancelled.booking, cancelled.promoted]);
  });
});

describe("renaming an attendee who holds seats", () => {
  it("shows the new name when the hold is confirmed", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 5 });
    const carol = await registerAttendee("Carol");
    const held = await book(carol, event.id, true);
    expect(held.status).toBe("pending");
    await rename(carol, "Carol Petit");

    const res = await as(carol.token).api.bookings[":id"].confirm.$post({ param: { id: held.id } });
    const confirmed = await bodyOf(res, 200);
    expect(confirmed).toMatchObject({ status: "confirmed" });
    expect(confirmed.attendee).toEqual({ id: carol.id, name: "Carol Petit" });
    expect(await bookingAs(org.token, held.id)).toEqual(confirmed);
  });
});
