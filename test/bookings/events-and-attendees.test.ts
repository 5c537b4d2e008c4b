import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createEvent, expectProblem, registerOrganizer, unique } from "../helpers";
import {
  attendeesNamed,
  book,
  booked,
  bookingOf,
  expectCounters,
  organizerWithEvent,
} from "./helpers";

describe("events and their bookings", () => {
  it("refuses a capacity below the confirmed count with 409 and changes nothing", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 3 });
    const [a, b] = await attendeesNamed("A", "B");
    await booked(event.id, a);
    await booked(event.id, b);
    const before = (await api("GET", `/api/events/${event.id}`)).body;

    const res = await api("PATCH", `/api/events/${event.id}`, {
      token: organizer.token,
      body: { capacity: 1, title: "Renamed" },
    });

    expectProblem(res, 409, "capacity_below_booked");
    expect((await api("GET", `/api/events/${event.id}`)).body).toEqual(before);
    expect(before).toMatchObject({ capacity: 3, bookedCount: 2, availableSeats: 1 });

    const exact = await api("PATCH", `/api/events/${event.id}`, {
      token: organizer.token,
      body: { capacity: 2 },
    });
    expect(exact.status).toBe(200);
    expect(exact.body).toMatchObject({ capacity: 2, bookedCount: 2, availableSeats: 0 });
  });

  it("promotes waitlisted bookings in order when capacity is raised", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const people = await attendeesNamed("A", "B", "C", "D");
    const bookings: any[] = [];
    for (const person of people) bookings.push(await booked(event.id, person));
    expect(bookings.map((b) => b.status)).toEqual([
      "confirmed",
      "waitlisted",
      "waitlisted",
      "waitlisted",
    ]);

    const res = await api("PATCH", `/api/events/${event.id}`, {
      token: organizer.token,
      body: { capacity: 3 },
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      capacity: 3,
      bookedCount: 3,
      availableSeats: 0,
      waitlistCount: 1,
    });
    const states: unknown[] = [];
    for (const [i, person] of people.entries()) {
      const { status, waitlistPosition } = await bookingOf(person.token, bookings[i].id);
      states.push([status, waitlistPosition]);
    }
    expect(states).toEqual([
      ["confirmed", null],
      ["confirmed", null],
      ["confirmed", null],
      ["waitlisted", 1],
    ]);
    await expectCounters(event.id, { bookedCount: 3, availableSeats: 0, waitlistCount: 1 });
  });

  it("closes a cancelled event to new bookings and cancels the bookings it had", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 5 });
    const [kept, late] = await attendeesNamed("Kept", "Late");
    const booking = await booked(event.id, kept);

    const res = await api("PATCH", `/api/events/${event.id}`, {
      token: organizer.token,
      body: { status: "cancelled" },
    });

    expect(res.status).toBe(200);
    expect(res.body.status).toBe("cancelled");
    expectProblem(await book(late.token, event.id, late.id), 409, "event_not_bookable");
    expect(await bookingOf(kept.token, booking.id)).toMatchObject({
      id: booking.id,
      status: "cancelled",
    });
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 5, waitlistCount: 0 });
  });

  it("lists an event's bookings for its organizer only, with status filter and pages", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 2, waitlistEnabled: true });
    const stranger = await registerOrganizer("Other Events Inc");
    const people = await attendeesNamed("A", "B", "C");
    const bookings: any[] = [];
    for (const person of people) bookings.push(await booked(event.id, person));
    const path = `/api/events/${event.id}/bookings`;

    const all = await api("GET", path, { token: organizer.token });
    expect(all.status).toBe(200);
    expect(all.body.pagination).toEqual({ limit: 20, offset: 0, total: 3 });
    expect(all.body.data.map((b: any) => b.id).sort()).toEqual(bookings.map((b) => b.id).sort());
    for (const listed of all.body.data) {
      expect(listed).toEqual(bookings.find((b) => b.id === listed.id));
    }

    const waiting = await api("GET", `${path}?status=waitlisted`, { token: organizer.token });
    expect(waiting.body).toEqual({
      data: [bookings[2]],
      pagination: { limit: 20, offset: 0, total: 1 },
    });
    const confirmed = await api("GET", `${path}?status=confirmed`, { token: organizer.token });
    expect(confirmed.body.pagination.total).toBe(2);

    const page1 = await api("GET", `${path}?limit=2`, { token: organizer.token });
    const page2 = await api("GET", `${path}?limit=2&offset=2`, { token: organizer.token });
    expect(page1.body.data).toHaveLength(2);
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.pagination).toEqual({ limit: 2, offset: 2, total: 3 });
    const seen = [...page1.body.data, ...page2.body.data].map((b: any) => b.id).sort();
    expect(seen).toEqual(bookings.map((b) => b.id).sort());

    expectProblem(await api("GET", path, { token: stranger.token }), 403, "forbidden");
    expectProblem(await api("GET", path, { token: people[0].token }), 403, "forbidden");
    expectProblem(await api("GET", path), 401, "unauthorized");
    const unknown = "/api/events/0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e/bookings";
    expectProblem(await api("GET", unknown, { token: organizer.token }), 404, "event_not_found");
  });

  it("deletes an event with its bookings", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const [a, b] = await attendeesNamed("A", "B");
    const confirmed = await booked(event.id, a);
    const waitlisted = await booked(event.id, b);

    const res = await api("DELETE", `/api/events/${event.id}`, { token: organizer.token });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: "Event deleted" });
    expectProblem(await api("GET", `/api/events/${event.id}`), 404, "event_not_found");
    for (const [who, booking] of [
      [a, confirmed],
      [b, waitlisted],
    ] as const) {
      const gone = await api("GET", `/api/bookings/${booking.id}`, { token: who.token });
      expectProblem(gone, 404, "booking_not_found");
    }
    const rows = await env.DB.prepare("SELECT id FROM bookings WHERE event_id = ?")
      .bind(event.id)
      .all();
    expect(rows.results).toEqual([]);
    const mine = await api("GET", "/api/bookings", { token: a.token });
    expect(mine.body.pagination.total).toBe(0);
    expectProblem(await book(a.token, event.id, a.id), 404, "event_not_found");
  });
});

describe("attendees and their bookings", () => {
  it("lists an attendee's bookings: all for themselves, own events for an organizer", async () => {
    const { organizer, event } = await organizerWithEvent();
    const { organizer: rival, event: rivalEvent } = await organizerWithEvent();
    const [attendee, other] = await attendeesNamed("Attendee", "Other");
    const here = await booked(event.id, attendee);
    const there = await booked(rivalEvent.id, attendee);
    await booked(event.id, other);
    const path = `/api/attendees/${attendee.id}/bookings`;

    const self = await api("GET", path, { token: attendee.token });
    expect(self.status).toBe(200);
    expect(self.body.pagination.total).toBe(2);
    expect(self.body.data.map((b: any) => b.id).sort()).toEqual([here.id, there.id].sort());

    const byOrganizer = await api("GET", path, { token: organizer.token });
    expect(byOrganizer.body).toEqual({
      data: [here],
      pagination: { limit: 20, offset: 0, total: 1 },
    });
    const byRival = await api("GET", path, { token: rival.token });
    expect(byRival.body.data).toEqual([there]);

    expectProblem(await api("GET", path, { token: other.token }), 403, "forbidden");
    expectProblem(await api("GET", path), 401, "unauthorized");
  });

  it("cancels a deleted attendee's bookings first, handing the seat to the waitlist", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const second = await createEvent(organizer.token, { title: unique("Second"), capacity: 3 });
    const [leaving, next, last] = await attendeesNamed("Leaving", "Next", "Last");
    await booked(event.id, leaving);
    await booked(second.id, leaving);
    const nextBooking = await booked(event.id, next);
    const lastBooking = await booked(event.id, last);
    expect([nextBooking.waitlistPosition, lastBooking.waitlistPosition]).toEqual([1, 2]);

    const res = await api("DELETE", `/api/attendees/${leaving.id}`, { token: leaving.token });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: "Attendee deleted" });
    expect(await bookingOf(next.token, nextBooking.id)).toMatchObject({
      status: "confirmed",
      waitlistPosition: null,
    });
    expect(await bookingOf(last.token, lastBooking.id)).toMatchObject({
      status: "waitlisted",
      waitlistPosition: 1,
    });
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 0, waitlistCount: 1 });
    await expectCounters(second.id, { bookedCount: 0, availableSeats: 3, waitlistCount: 0 });
    expectProblem(await api("GET", "/api/bookings", { token: leaving.token }), 401, "unauthorized");
  });
});
