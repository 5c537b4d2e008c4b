import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, expectProblem, raw } from "../client";
import { createEvent, registerAttendee, registerOrganizer, unique } from "../helpers";
import { attendeesNamed, booked, bookingOf, organizerWithEvent } from "./helpers";

type BookingQuery = {
  eventId?: string;
  status?: "confirmed" | "waitlisted";
  limit?: string;
  offset?: string;
};

const bookingsOf = async (token: string, query: BookingQuery = {}) =>
  bodyOf(await as(token).api.bookings.$get({ query }), 200);

const bookingAs = (token: string | null, id: string) =>
  (token ? as(token) : anyone).api.bookings[":id"].$get({ param: { id } });

describe("GET /api/bookings", () => {
  it("shows an attendee only their own bookings", async () => {
    const { event } = await organizerWithEvent();
    const [me, other] = await attendeesNamed("Me", "Other");
    const mine = await booked(event.id, me);
    await booked(event.id, other);

    expect(await bookingsOf(me.token)).toEqual({
      data: [mine],
      pagination: { limit: 20, offset: 0, total: 1 },
    });
  });

  it("shows an organizer only the bookings of their events", async () => {
    const { organizer, event } = await organizerWithEvent();
    const { event: foreign } = await organizerWithEvent();
    const [a, b] = await attendeesNamed("A", "B");
    const ours = [await booked(event.id, a), await booked(event.id, b)];
    await booked(foreign.id, a);

    const res = await bookingsOf(organizer.token);

    expect(res.pagination.total).toBe(2);
    expect(res.data.map((b) => b.id).sort()).toEqual(ours.map((b) => b.id).sort());
  });

  it("filters by eventId and status", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const second = await createEvent(organizer.token, { title: unique("Second") });
    const [a, b] = await attendeesNamed("A", "B");
    const confirmed = await booked(event.id, a);
    const waitlisted = await booked(event.id, b);
    const elsewhere = await booked(second.id, a);

    const byEvent = await bookingsOf(organizer.token, { eventId: event.id });
    expect(byEvent.pagination.total).toBe(2);
    expect(byEvent.data.map((x) => x.id).sort()).toEqual([confirmed.id, waitlisted.id].sort());

    const onWaitlist = await bookingsOf(organizer.token, { status: "waitlisted" });
    expect(onWaitlist.data).toEqual([waitlisted]);
    expect(onWaitlist.pagination.total).toBe(1);

    const mineThere = await bookingsOf(a.token, { eventId: second.id, status: "confirmed" });
    expect(mineThere.data).toEqual([elsewhere]);

    const none = await bookingsOf(b.token, { eventId: second.id });
    expect(none).toEqual({ data: [], pagination: { limit: 20, offset: 0, total: 0 } });

    // A status the API does not know: only the untyped way in can ask for it.
    const unknown = await raw("GET", "/api/bookings?status=reserved", { token: a.token });
    await expectProblem(unknown, 422, "validation_failed");
  });

  it("paginates with limit and offset", async () => {
    const organizer = await registerOrganizer();
    const attendee = await registerAttendee();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const event = await createEvent(organizer.token, { title: unique("Meetup") });
      ids.push((await booked(event.id, attendee)).id);
    }

    const first = await bookingsOf(attendee.token, { limit: "2" });
    const rest = await bookingsOf(attendee.token, { limit: "2", offset: "2" });

    expect(first.pagination).toEqual({ limit: 2, offset: 0, total: 3 });
    expect(first.data).toHaveLength(2);
    expect(rest.pagination).toEqual({ limit: 2, offset: 2, total: 3 });
    expect(rest.data).toHaveLength(1);
    const seen = [...first.data, ...rest.data].map((b) => b.id);
    expect(seen.sort()).toEqual([...ids].sort());

    for (const [limit, offset] of [
      ["0", "0"],
      ["101", "0"],
      ["2", "-1"],
    ] as const) {
      const res = await as(attendee.token).api.bookings.$get({ query: { limit, offset } });
      await expectProblem(res, 422, "validation_failed");
    }
  });
});

describe("GET /api/bookings/{id}", () => {
  it("is open to the booking's attendee and the event's organizer only", async () => {
    const { organizer, event } = await organizerWithEvent();
    const stranger = await registerOrganizer("Other Events Inc");
    const [owner, other] = await attendeesNamed("Owner", "Other");
    const booking = await booked(event.id, owner);

    expect(await bookingOf(owner.token, booking.id)).toEqual({
      ...booking,
      ticketsUrl: expect.any(String),
    });
    expect(await bookingOf(organizer.token, booking.id)).toEqual(booking);
    await expectProblem(await bookingAs(other.token, booking.id), 403, "forbidden");
    await expectProblem(await bookingAs(stranger.token, booking.id), 403, "forbidden");
    await expectProblem(await bookingAs(null, booking.id), 401, "unauthorized");
  });

  it("answers 404 booking_not_found for an unknown id", async () => {
    const attendee = await registerAttendee();
    const res = await bookingAs(attendee.token, "0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a");
    await expectProblem(res, 404, "booking_not_found");
  });
});
