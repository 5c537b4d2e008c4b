import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, as, type Booking, bodyIn, bodyOf, client, expectProblem } from "../client";
import { createEvent, eventOf, patchEvent, registerOrganizer, unique } from "../helpers";
import {
  attendeesNamed,
  book,
  booked,
  bookingOf,
  expectCounters,
  organizerWithEvent,
} from "./helpers";

/** An event's bookings as `token` (none: anonymous) asks for them. */
const eventBookings = (
  token: string | undefined,
  id: string,
  query: { status?: "waitlisted" | "confirmed"; limit?: string; offset?: string } = {},
) => client({ token }).api.events[":id"].bookings.$get({ param: { id }, query });

describe("events and their bookings", () => {
  it("refuses a capacity below the confirmed count with 409 and changes nothing", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 3 });
    const [a, b] = await attendeesNamed("A", "B");
    await booked(event.id, a);
    await booked(event.id, b);
    const before = await eventOf(event.id);

    const res = await patchEvent(organizer.token, event.id, { capacity: 1, title: "Renamed" });

    await expectProblem(res, 409, "capacity_below_booked");
    expect(await eventOf(event.id)).toEqual(before);
    expect(before).toMatchObject({ capacity: 3, bookedCount: 2, availableSeats: 1 });

    const exact = await patchEvent(organizer.token, event.id, { capacity: 2 });
    expect(bodyIn(exact, 200)).toMatchObject({
      capacity: 2,
      bookedCount: 2,
      availableSeats: 0,
    });
  });

  it("promotes waitlisted bookings in order when capacity is raised", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const people = await attendeesNamed("A", "B", "C", "D");
    const bookings: Booking[] = [];
    for (const person of people) bookings.push(await booked(event.id, person));
    expect(bookings.map((b) => b.status)).toEqual([
      "confirmed",
      "waitlisted",
      "waitlisted",
      "waitlisted",
    ]);

    const res = await patchEvent(organizer.token, event.id, { capacity: 3 });

    expect(bodyIn(res, 200)).toMatchObject({
      capacity: 3,
      bookedCount: 3,
      availableSeats: 0,
      waitlistCount: 1,
    });
    const states: unknown[] = [];
    for (const [i, person] of people.entries()) {
      const { status, waitlistPosition } = await bookingOf(person.token, bookings[i]?.id ?? "");
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

    const res = await patchEvent(organizer.token, event.id, { status: "cancelled" });

    expect(bodyIn(res, 200).status).toBe("cancelled");
    await expectProblem(await book(late.token, event.id, late.id), 409, "event_not_bookable");
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
    const bookings: Booking[] = [];
    for (const person of people) bookings.push(await booked(event.id, person));
    const all = await bodyOf(await eventBookings(organizer.token, event.id), 200);
    expect(all.pagination).toEqual({ limit: 20, offset: 0, total: 3 });
    expect(all.data.map((b) => b.id).sort()).toEqual(bookings.map((b) => b.id).sort());
    for (const listed of all.data) {
      expect(listed).toEqual(bookings.find((b) => b.id === listed.id));
    }

    const waiting = await eventBookings(organizer.token, event.id, { status: "waitlisted" });
    expect(await bodyOf(waiting, 200)).toEqual({
      data: [bookings[2]],
      pagination: { limit: 20, offset: 0, total: 1 },
    });
    const confirmed = await eventBookings(organizer.token, event.id, { status: "confirmed" });
    expect((await bodyOf(confirmed, 200)).pagination.total).toBe(2);

    const page1 = await bodyOf(await eventBookings(organizer.token, event.id, { limit: "2" }), 200);
    const page2 = await bodyOf(
      await eventBookings(organizer.token, event.id, { limit: "2", offset: "2" }),
      200,
    );
    expect(page1.data).toHaveLength(2);
    expect(page2.data).toHaveLength(1);
    expect(page2.pagination).toEqual({ limit: 2, offset: 2, total: 3 });
    const seen = [...page1.data, ...page2.data].map((b) => b.id).sort();
    expect(seen).toEqual(bookings.map((b) => b.id).sort());

    await expectProblem(await eventBookings(stranger.token, event.id), 403, "forbidden");
    await expectProblem(await eventBookings(people[0].token, event.id), 403, "forbidden");
    await expectProblem(await eventBookings(undefined, event.id), 401, "unauthorized");
    const unknown = "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e";
    await expectProblem(await eventBookings(organizer.token, unknown), 404, "event_not_found");
  });

  it("deletes an event with its bookings", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const [a, b] = await attendeesNamed("A", "B");
    const confirmed = await booked(event.id, a);
    const waitlisted = await booked(event.id, b);

    const res = await as(organizer.token).api.events[":id"].$delete({ param: { id: event.id } });

    expect(await bodyOf(res, 200)).toEqual({ message: "Event deleted" });
    await expectProblem(
      await anyone.api.events[":id"].$get({ param: { id: event.id } }),
      404,
      "event_not_found",
    );
    for (const [who, booking] of [
      [a, confirmed],
      [b, waitlisted],
    ] as const) {
      const gone = await as(who.token).api.bookings[":id"].$get({ param: { id: booking.id } });
      await expectProblem(gone, 404, "booking_not_found");
    }
    const rows = await env.DB.prepare("SELECT id FROM bookings WHERE event_id = ?")
      .bind(event.id)
      .all();
    expect(rows.results).toEqual([]);
    const mine = await as(a.token).api.bookings.$get({ query: {} });
    expect((await bodyOf(mine, 200)).pagination.total).toBe(0);
    await expectProblem(await book(a.token, event.id, a.id), 404, "event_not_found");
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
    const bookingsOf = (token?: string) =>
      client({ token }).api.attendees[":id"].bookings.$get({
        param: { id: attendee.id },
        query: {},
      });

    const self = await bodyOf(await bookingsOf(attendee.token), 200);
    expect(self.pagination.total).toBe(2);
    expect(self.data.map((b) => b.id).sort()).toEqual([here.id, there.id].sort());

    expect(await bodyOf(await bookingsOf(organizer.token), 200)).toEqual({
      data: [here],
      pagination: { limit: 20, offset: 0, total: 1 },
    });
    expect((await bodyOf(await bookingsOf(rival.token), 200)).data).toEqual([there]);

    await expectProblem(await bookingsOf(other.token), 403, "forbidden");
    await expectProblem(await bookingsOf(), 401, "unauthorized");
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

    const res = await as(leaving.token).api.attendees[":id"].$delete({
      param: { id: leaving.id },
    });

    expect(await bodyOf(res, 200)).toEqual({ message: "Attendee deleted" });
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
    await expectProblem(
      await as(leaving.token).api.bookings.$get({ query: {} }),
      401,
      "unauthorized",
    );
  });
});
