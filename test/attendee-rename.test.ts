import { describe, expect, it } from "vitest";
import { api, createEvent, registerAttendee, registerOrganizer } from "./helpers";

describe("renaming an attendee who holds bookings", () => {
  it("shows the new name in the ledger's answers as in every read", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 1, waitlistEnabled: true });
    const alice = await registerAttendee("Alice");
    const bob = await registerAttendee("Bob");
    const booked = await api("POST", "/api/bookings", {
      token: alice.token,
      body: { eventId: event.id, attendeeId: alice.id },
    });
    const waiting = await api("POST", "/api/bookings", {
      token: bob.token,
      body: { eventId: event.id, attendeeId: bob.id },
    });
    expect(waiting.body.status).toBe("waitlisted");
    for (const [who, name] of [
      [alice, "Alice Martin"],
      [bob, "Bob Durand"],
    ] as const) {
      const res = await api("PATCH", `/api/attendees/${who.id}`, {
        token: who.token,
        body: { name },
      });
      expect(res.status).toBe(200);
    }

    const cancelled = await api("DELETE", `/api/bookings/${booked.body.id}`, {
      token: alice.token,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.attendee).toEqual({ id: alice.id, name: "Alice Martin" });
    expect(cancelled.body.promoted.attendee).toEqual({ id: bob.id, name: "Bob Durand" });
    expect(cancelled.body.promotions).toEqual([cancelled.body.promoted]);
    const reads = await Promise.all(
      [booked, waiting].map((b) => api("GET", `/api/bookings/${b.body.id}`, { token: org.token })),
    );
    expect(reads.map((r) => r.body)).toEqual([cancelled.body.booking, cancelled.body.promoted]);
  });
});

describe("renaming an attendee who holds seats", () => {
  it("shows the new name when the hold is confirmed", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 5 });
    const carol = await registerAttendee("Carol");
    const held = await api("POST", "/api/bookings", {
      token: carol.token,
      body: { eventId: event.id, attendeeId: carol.id, hold: true },
    });
    expect(held.body.status).toBe("pending");
    const renamed = await api("PATCH", `/api/attendees/${carol.id}`, {
      token: carol.token,
      body: { name: "Carol Petit" },
    });
    expect(renamed.status).toBe(200);

    const confirmed = await api("POST", `/api/bookings/${held.body.id}/confirm`, {
      token: carol.token,
    });

    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: "confirmed" });
    expect(confirmed.body.attendee).toEqual({ id: carol.id, name: "Carol Petit" });
    const read = await api("GET", `/api/bookings/${held.body.id}`, { token: org.token });
    expect(read.body).toEqual(confirmed.body);
  });
});
