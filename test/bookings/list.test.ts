import { describe, expect, it } from "vitest";
import {
  api,
  createEvent,
  expectProblem,
  registerAttendee,
  registerOrganizer,
  unique,
} from "../helpers";
import { attendeesNamed, booked, bookingOf, organizerWithEvent } from "./helpers";

describe("GET /api/bookings", () => {
  it("shows an attendee only their own bookings", async () => {
    const { event } = await organizerWithEvent();
    const [me, other] = await attendeesNamed("Me", "Other");
    const mine = await booked(event.id, me);
    await booked(event.id, other);

    const res = await api("GET", "/api/bookings", { token: me.token });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [mine], pagination: { limit: 20, offset: 0, total: 1 } });
  });

  it("shows an organizer only the bookings of their events", async () => {
    const { organizer, event } = await organizerWithEvent();
    const { event: foreign } = await organizerWithEvent();
    const [a, b] = await attendeesNamed("A", "B");
    const ours = [await booked(event.id, a), await booked(event.id, b)];
    await booked(foreign.id, a);

    const res = await api("GET", "/api/bookings", { token: organizer.token });

    expect(res.status).toBe(200);
    expect(res.body.pagination.total).toBe(2);
    expect(res.body.data.map((b: any) => b.id).sort()).toEqual(ours.map((b) => b.id).sort());
  });

  it("filters by eventId and status", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const second = await createEvent(organizer.token, { title: unique("Second") });
    const [a, b] = await attendeesNamed("A", "B");
    const confirmed = await booked(event.id, a);
    const waitlisted = await booked(event.id, b);
    const elsewhere = await booked(second.id, a);

    const byEvent = await api("GET", `/api/bookings?eventId=${event.id}`, {
      token: organizer.token,
    });
    expect(byEvent.status).toBe(200);
    expect(byEvent.body.pagination.total).toBe(2);
    expect(byEvent.body.data.map((x: any) => x.id).sort()).toEqual(
      [confirmed.id, waitlisted.id].sort(),
    );

    const onWaitlist = await api("GET", "/api/bookings?status=waitlisted", {
      token: organizer.token,
    });
    expect(onWaitlist.body.data).toEqual([waitlisted]);
    expect(onWaitlist.body.pagination.total).toBe(1);

    const mineThere = await api("GET", `/api/bookings?eventId=${second.id}&status=confirmed`, {
      token: a.token,
    });
    expect(mineThere.body.data).toEqual([elsewhere]);

    const none = await api("GET", `/api/bookings?eventId=${second.id}`, { token: b.token });
    expect(none.body).toEqual({ data: [], pagination: { limit: 20, offset: 0, total: 0 } });

    expectProblem(
      await api("GET", "/api/bookings?status=reserved", { token: a.token }),
      422,
      "validation_failed",
    );
  });

  it("paginates with limit and offset", async () => {
    const organizer = await registerOrganizer();
    const attendee = await registerAttendee();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const event = await createEvent(organizer.token, { title: unique("Meetup") });
      ids.push((await booked(event.id, attendee)).id);
    }

    const first = await api("GET", "/api/bookings?limit=2", { token: attendee.token });
    const rest = await api("GET", "/api/bookings?limit=2&offset=2", { token: attendee.token });

    expect(first.status).toBe(200);
    expect(first.body.pagination).toEqual({ limit: 2, offset: 0, total: 3 });
    expect(first.body.data).toHaveLength(2);
    expect(rest.body.pagination).toEqual({ limit: 2, offset: 2, total: 3 });
    expect(rest.body.data).toHaveLength(1);
    const seen = [...first.body.data, ...rest.body.data].map((b: any) => b.id);
    expect(seen.sort()).toEqual([...ids].sort());

    for (const query of ["limit=0", "limit=101", "offset=-1"]) {
      const res = await api("GET", `/api/bookings?${query}`, { token: attendee.token });
      expectProblem(res, 422, "validation_failed");
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
    const path = `/api/bookings/${booking.id}`;
    expectProblem(await api("GET", path, { token: other.token }), 403, "forbidden");
    expectProblem(await api("GET", path, { token: stranger.token }), 403, "forbidden");
    expectProblem(await api("GET", path), 401, "unauthorized");
  });

  it("answers 404 booking_not_found for an unknown id", async () => {
    const attendee = await registerAttendee();
    const res = await api("GET", "/api/bookings/0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a", {
      token: attendee.token,
    });
    expectProblem(res, 404, "booking_not_found");
  });
});
