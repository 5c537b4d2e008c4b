import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  api,
  createEvent,
  expectProblem,
  registerAttendee,
  registerOrganizer,
  unique,
} from "./helpers";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]+$/;

type Actor = { id: string; name: string; token: string };

const book = (
  token: string | undefined,
  eventId: string,
  attendeeId: string,
  headers?: Record<string, string>,
) => api("POST", "/api/bookings", { token, headers, body: { eventId, attendeeId } });

/** Books for the attendee with their own token and insists on a 201. */
const booked = async (eventId: string, attendee: Actor) => {
  const res = await book(attendee.token, eventId, attendee.id);
  if (res.status !== 201)
    throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Registers one attendee per name, in order; the result has one Actor per name. */
const attendeesNamed = async <N extends string[]>(...names: N) => {
  const actors: Actor[] = [];
  for (const name of names) actors.push(await registerAttendee(name));
  return actors as { [K in keyof N]: Actor };
};

const counters = async (eventId: string) => {
  const res = await api("GET", `/api/events/${eventId}`);
  expect(res.status).toBe(200);
  const { capacity, bookedCount, availableSeats, waitlistCount } = res.body;
  return { capacity, bookedCount, availableSeats, waitlistCount };
};

const expectCounters = async (
  eventId: string,
  expected: { bookedCount: number; availableSeats: number; waitlistCount: number },
) => {
  const { bookedCount, availableSeats, waitlistCount } = await counters(eventId);
  expect({ bookedCount, availableSeats, waitlistCount }).toEqual(expected);
};

const bookingOf = async (token: string, id: string) => {
  const res = await api("GET", `/api/bookings/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};

const cancel = (token: string, id: string) => api("DELETE", `/api/bookings/${id}`, { token });

const bookingShape = (event: any, attendee: Actor, status: string, position: number | null) => ({
  id: expect.stringMatching(ID),
  eventId: event.id,
  attendeeId: attendee.id,
  status,
  waitlistPosition: position,
  event: { id: event.id, title: event.title },
  attendee: { id: attendee.id, name: attendee.name },
  createdAt: expect.stringMatching(ISO_UTC),
  updatedAt: expect.stringMatching(ISO_UTC),
});

/** A fresh organizer with one event; every test gets its own, storage being shared per file. */
const organizerWithEvent = async (overrides: Record<string, unknown> = {}) => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, { title: unique("Symfony Live"), ...overrides });
  return { organizer, event };
};

const PAST = { startDate: "2020-05-01T10:00:00", endDate: "2020-05-01T18:00:00" };

describe("POST /api/bookings", () => {
  it("confirms the attendee's own booking: 201, Location and the full Booking", async () => {
    const { event } = await organizerWithEvent({ capacity: 2 });
    const [attendee] = await attendeesNamed("John Doe");

    const res = await book(attendee.token, event.id, attendee.id);

    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body).toEqual(bookingShape(event, attendee, "confirmed", null));
    expect(res.headers.get("location")).toBe(`/api/bookings/${res.body.id}`);
    expect(await bookingOf(attendee.token, res.body.id)).toEqual(res.body);
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 1, waitlistCount: 0 });
  });

  it("lets the event's organizer book for an attendee", async () => {
    const { organizer, event } = await organizerWithEvent();
    const attendee = await registerAttendee("Jane Roe");

    const res = await book(organizer.token, event.id, attendee.id);

    expect(res.status).toBe(201);
    expect(res.body).toEqual(bookingShape(event, attendee, "confirmed", null));
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 99, waitlistCount: 0 });
  });

  it("refuses another organizer with 403 and books nothing", async () => {
    const { event } = await organizerWithEvent();
    const stranger = await registerOrganizer("Other Events Inc");
    const attendee = await registerAttendee();

    expectProblem(await book(stranger.token, event.id, attendee.id), 403, "forbidden");
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("refuses an attendee booking for someone else with 403", async () => {
    const { event } = await organizerWithEvent();
    const [mallory, victim] = await attendeesNamed("Mallory", "Victim");

    expectProblem(await book(mallory.token, event.id, victim.id), 403, "forbidden");
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("answers 401 without a token", async () => {
    const { event } = await organizerWithEvent();
    const attendee = await registerAttendee();

    expectProblem(await book(undefined, event.id, attendee.id), 401, "unauthorized");
    expectProblem(await book("at_not-a-real-token", event.id, attendee.id), 401, "unauthorized");
  });

  it("answers 404 event_not_found for an unknown event", async () => {
    const attendee = await registerAttendee();
    const res = await book(attendee.token, "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e", attendee.id);
    expectProblem(res, 404, "event_not_found");
  });

  it("answers 404 attendee_not_found for an unknown attendee", async () => {
    const { organizer, event } = await organizerWithEvent();
    const res = await book(organizer.token, event.id, "0192f1c5-1b2c-7d3e-8f40-5a6b7c8d9e0f");
    expectProblem(res, 404, "attendee_not_found");
  });

  it("refuses a full event without waitlist: 409 event_full, 'Event is fully booked'", async () => {
    const { event } = await organizerWithEvent({ capacity: 1 });
    const [first, late] = await attendeesNamed("First", "Late");
    await booked(event.id, first);

    const res = await book(late.token, event.id, late.id);

    expectProblem(res, 409, "event_full");
    expect(res.body.title).toBe("Event is fully booked");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 0, waitlistCount: 0 });
  });

  it("waitlists on a full event with waitlist, numbering positions 1, 2, 3", async () => {
    const { event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const [a, b, c, d] = await attendeesNamed("A", "B", "C", "D");

    expect((await booked(event.id, a)).status).toBe("confirmed");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 0, waitlistCount: 0 });
    for (const [index, attendee] of [b, c, d].entries()) {
      const res = await book(attendee.token, event.id, attendee.id);
      expect(res.status).toBe(201);
      expect(res.headers.get("location")).toBe(`/api/bookings/${res.body.id}`);
      expect(res.body).toEqual(bookingShape(event, attendee, "waitlisted", index + 1));
      expect(await bookingOf(attendee.token, res.body.id)).toEqual(res.body);
      await expectCounters(event.id, {
        bookedCount: 1,
        availableSeats: 0,
        waitlistCount: index + 1,
      });
    }
  });

  it("refuses a second booking while the first is confirmed: 409 already_booked", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 5 });
    const attendee = await registerAttendee();
    await booked(event.id, attendee);

    const again = await book(attendee.token, event.id, attendee.id);
    expectProblem(again, 409, "already_booked");
    expect(again.body.title).toBe("Attendee already booked this event");
    expectProblem(await book(organizer.token, event.id, attendee.id), 409, "already_booked");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 4, waitlistCount: 0 });
  });

  it("refuses a second booking while the first is waitlisted: 409 already_booked", async () => {
    const { event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const [holder, waiting] = await attendeesNamed("Holder", "Waiting");
    await booked(event.id, holder);
    expect((await booked(event.id, waiting)).status).toBe("waitlisted");

    const again = await book(waiting.token, event.id, waiting.id);
    expectProblem(again, 409, "already_booked");
    expect(again.body.title).toBe("Attendee already booked this event");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 0, waitlistCount: 1 });
  });

  it("allows booking again after cancelling", async () => {
    const { event } = await organizerWithEvent({ capacity: 1 });
    const attendee = await registerAttendee();
    const first = await booked(event.id, attendee);
    expect((await cancel(attendee.token, first.id)).status).toBe(200);
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 1, waitlistCount: 0 });

    const second = await book(attendee.token, event.id, attendee.id);

    expect(second.status).toBe(201);
    expect(second.body.status).toBe("confirmed");
    expect(second.body.id).not.toBe(first.id);
    expect((await bookingOf(attendee.token, first.id)).status).toBe("cancelled");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 0, waitlistCount: 0 });
  });

  it("refuses a cancelled event: 409 event_not_bookable", async () => {
    const { organizer, event } = await organizerWithEvent();
    const attendee = await registerAttendee();
    const patched = await api("PATCH", `/api/events/${event.id}`, {
      token: organizer.token,
      body: { status: "cancelled" },
    });
    expect(patched.status).toBe(200);

    expectProblem(await book(attendee.token, event.id, attendee.id), 409, "event_not_bookable");
    expectProblem(await book(organizer.token, event.id, attendee.id), 409, "event_not_bookable");
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("refuses a completed event: 409 event_not_bookable", async () => {
    const { event } = await organizerWithEvent({ status: "completed" });
    const attendee = await registerAttendee();
    expectProblem(await book(attendee.token, event.id, attendee.id), 409, "event_not_bookable");
  });

  it("refuses an event that became completed: 409 event_not_bookable", async () => {
    const { organizer, event } = await organizerWithEvent();
    const attendee = await registerAttendee();
    const patched = await api("PATCH", `/api/events/${event.id}`, {
      token: organizer.token,
      body: { status: "completed" },
    });
    expect(patched.status).toBe(200);
    expectProblem(await book(attendee.token, event.id, attendee.id), 409, "event_not_bookable");
  });

  it("refuses an event that has already started: 409 event_not_bookable", async () => {
    const { event } = await organizerWithEvent({ ...PAST, waitlistEnabled: true });
    const attendee = await registerAttendee();
    expectProblem(await book(attendee.token, event.id, attendee.id), 409, "event_not_bookable");
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("answers 422 validation_failed for a missing eventId", async () => {
    const attendee = await registerAttendee();
    const res = await api("POST", "/api/bookings", {
      token: attendee.token,
      body: { attendeeId: attendee.id },
    });
    expectProblem(res, 422, "validation_failed");
    expect(res.body.errors.map((error: any) => error.path)).toContain("eventId");
  });
});

describe("counters", () => {
  it("shows every booking call in the event's counters as soon as it answers", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 2, waitlistEnabled: true });
    const [a, b, c, d] = await attendeesNamed("A", "B", "C", "D");

    const ba = await booked(event.id, a);
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 1, waitlistCount: 0 });
    await booked(event.id, b);
    await expectCounters(event.id, { bookedCount: 2, availableSeats: 0, waitlistCount: 0 });
    const bc = await booked(event.id, c);
    await expectCounters(event.id, { bookedCount: 2, availableSeats: 0, waitlistCount: 1 });
    await booked(event.id, d);
    await expectCounters(event.id, { bookedCount: 2, availableSeats: 0, waitlistCount: 2 });

    expect((await cancel(c.token, bc.id)).status).toBe(200);
    await expectCounters(event.id, { bookedCount: 2, availableSeats: 0, waitlistCount: 1 });
    expect((await cancel(organizer.token, ba.id)).status).toBe(200);
    await expectCounters(event.id, { bookedCount: 2, availableSeats: 0, waitlistCount: 0 });
    const patched = await api("PATCH", `/api/events/${event.id}`, {
      token: organizer.token,
      body: { capacity: 5 },
    });
    expect(patched.status).toBe(200);
    await expectCounters(event.id, { bookedCount: 2, availableSeats: 3, waitlistCount: 0 });
  });
});

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
      await api("GET", "/api/bookings?status=pending", { token: a.token }),
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

  it("answers 401 without a token", async () => {
    expectProblem(await api("GET", "/api/bookings"), 401, "unauthorized");
  });
});

describe("GET /api/bookings/{id}", () => {
  it("is open to the booking's attendee and the event's organizer only", async () => {
    const { organizer, event } = await organizerWithEvent();
    const stranger = await registerOrganizer("Other Events Inc");
    const [owner, other] = await attendeesNamed("Owner", "Other");
    const booking = await booked(event.id, owner);

    expect(await bookingOf(owner.token, booking.id)).toEqual(booking);
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

describe("DELETE /api/bookings/{id}", () => {
  it("cancels a booking without waitlist: promoted is null", async () => {
    const { event } = await organizerWithEvent({ capacity: 2 });
    const attendee = await registerAttendee();
    const booking = await booked(event.id, attendee);

    const res = await cancel(attendee.token, booking.id);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      message: "Booking cancelled",
      booking: { ...bookingShape(event, attendee, "cancelled", null), id: booking.id },
      promoted: null,
    });
    expect(res.body.booking.createdAt).toBe(booking.createdAt);
    expect(await bookingOf(attendee.token, booking.id)).toEqual(res.body.booking);
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 2, waitlistCount: 0 });
  });

  it("promotes the first waitlisted booking in the same response and moves the rest up", async () => {
    const { event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const [holder, first, second] = await attendeesNamed("Holder", "First", "Second");
    const held = await booked(event.id, holder);
    const w1 = await booked(event.id, first);
    const w2 = await booked(event.id, second);
    expect([w1.waitlistPosition, w2.waitlistPosition]).toEqual([1, 2]);

    const res = await cancel(holder.token, held.id);

    expect(res.status).toBe(200);
    expect(res.body.message).toBe("Booking cancelled");
    expect(res.body.booking).toMatchObject({ id: held.id, status: "cancelled" });
    expect(res.body.promoted).toEqual({
      ...bookingShape(event, first, "confirmed", null),
      id: w1.id,
      createdAt: w1.createdAt,
    });
    expect(await bookingOf(first.token, w1.id)).toMatchObject({
      status: "confirmed",
      waitlistPosition: null,
    });
    expect(await bookingOf(second.token, w2.id)).toMatchObject({
      status: "waitlisted",
      waitlistPosition: 1,
    });
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 0, waitlistCount: 1 });
  });

  it("cancelling a waitlisted booking promotes nobody and renumbers the waitlist", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const [holder, w1a, w2a, w3a] = await attendeesNamed("Holder", "W1", "W2", "W3");
    const held = await booked(event.id, holder);
    const w1 = await booked(event.id, w1a);
    const w2 = await booked(event.id, w2a);
    const w3 = await booked(event.id, w3a);

    const res = await cancel(organizer.token, w1.id);

    expect(res.status).toBe(200);
    expect(res.body.booking).toMatchObject({
      id: w1.id,
      status: "cancelled",
      waitlistPosition: null,
    });
    expect(res.body.promoted).toBeNull();
    expect((await bookingOf(holder.token, held.id)).status).toBe("confirmed");
    expect(await bookingOf(w2a.token, w2.id)).toMatchObject({
      status: "waitlisted",
      waitlistPosition: 1,
    });
    expect(await bookingOf(w3a.token, w3.id)).toMatchObject({
      status: "waitlisted",
      waitlistPosition: 2,
    });
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 0, waitlistCount: 2 });
  });

  it("answers 409 already_cancelled the second time", async () => {
    const { event } = await organizerWithEvent();
    const attendee = await registerAttendee();
    const booking = await booked(event.id, attendee);
    expect((await cancel(attendee.token, booking.id)).status).toBe(200);

    expectProblem(await cancel(attendee.token, booking.id), 409, "already_cancelled");
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("refuses another attendee and another organizer with 403", async () => {
    const { event } = await organizerWithEvent();
    const stranger = await registerOrganizer("Other Events Inc");
    const [owner, other] = await attendeesNamed("Owner", "Other");
    const booking = await booked(event.id, owner);

    expectProblem(await cancel(other.token, booking.id), 403, "forbidden");
    expectProblem(await cancel(stranger.token, booking.id), 403, "forbidden");
    expect((await bookingOf(owner.token, booking.id)).status).toBe("confirmed");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 99, waitlistCount: 0 });
  });

  it("answers 404 booking_not_found for an unknown id", async () => {
    const attendee = await registerAttendee();
    const res = await cancel(attendee.token, "0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a");
    expectProblem(res, 404, "booking_not_found");
  });
});

describe("Idempotency-Key", () => {
  const eventBookings = async (token: string, eventId: string) => {
    const res = await api("GET", `/api/events/${eventId}/bookings`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  it("replays the first answer for the same key and body, booking once", async () => {
    const { organizer, event } = await organizerWithEvent();
    const attendee = await registerAttendee();
    const headers = { "Idempotency-Key": unique("key") };

    const first = await book(attendee.token, event.id, attendee.id, headers);
    const retry = await book(attendee.token, event.id, attendee.id, headers);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("location")).toBe(first.headers.get("location"));
    expect((await eventBookings(organizer.token, event.id)).pagination.total).toBe(1);
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 99, waitlistCount: 0 });
  });

  it("refuses the same key with another body: 422 idempotency_key_reused", async () => {
    const { organizer, event } = await organizerWithEvent();
    const other = await createEvent(organizer.token, { title: unique("Other") });
    const attendee = await registerAttendee();
    const headers = { "Idempotency-Key": unique("key") };
    expect((await book(attendee.token, event.id, attendee.id, headers)).status).toBe(201);

    const reused = await book(attendee.token, other.id, attendee.id, headers);

    expectProblem(reused, 422, "idempotency_key_reused");
    expect((await eventBookings(organizer.token, other.id)).pagination.total).toBe(0);
    await expectCounters(other.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it.each([
    ["longer than 255 characters", "k".repeat(256)],
    ["containing a space", "my key"],
    ["containing non-ASCII", "clé-1"],
  ])("refuses a key %s with 422", async (_, key) => {
    const { event } = await organizerWithEvent();
    const attendee = await registerAttendee();

    const res = await book(attendee.token, event.id, attendee.id, { "Idempotency-Key": key });

    expectProblem(res, 422, "validation_failed");
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("accepts a key of exactly 255 visible ASCII characters", async () => {
    const { event } = await organizerWithEvent();
    const attendee = await registerAttendee();
    const key = `${unique("k")}~!#`.padEnd(255, "x");

    const res = await book(attendee.token, event.id, attendee.id, { "Idempotency-Key": key });

    expect(res.status).toBe(201);
  });

  it("scopes a key to its caller: two callers with one key book independently", async () => {
    const { organizer, event } = await organizerWithEvent();
    const [a, b, c] = await attendeesNamed("A", "B", "C");
    const headers = { "Idempotency-Key": unique("shared") };

    const byA = await book(a.token, event.id, a.id, headers);
    const byB = await book(b.token, event.id, b.id, headers);
    const byOrganizer = await book(organizer.token, event.id, c.id, headers);

    expect([byA.status, byB.status, byOrganizer.status]).toEqual([201, 201, 201]);
    expect(byA.body.attendeeId).toBe(a.id);
    expect(byB.body.attendeeId).toBe(b.id);
    expect(byOrganizer.body.attendeeId).toBe(c.id);
    expect(new Set([byA.body.id, byB.body.id, byOrganizer.body.id]).size).toBe(3);
    expect((await eventBookings(organizer.token, event.id)).pagination.total).toBe(3);
  });

  it("replays a refusal with the same status and body", async () => {
    const { event } = await organizerWithEvent({ capacity: 1 });
    const [holder, late] = await attendeesNamed("Holder", "Late");
    const held = await booked(event.id, holder);
    const headers = { "Idempotency-Key": unique("key") };

    const refused = await book(late.token, event.id, late.id, headers);
    expectProblem(refused, 409, "event_full");
    // The seat frees up, yet a retry of the same request gets the first answer again.
    expect((await cancel(holder.token, held.id)).status).toBe(200);
    const retry = await book(late.token, event.id, late.id, headers);

    expect(retry.status).toBe(409);
    expect(retry.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(retry.body).toEqual(refused.body);
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 1, waitlistCount: 0 });

    const fresh = await book(late.token, event.id, late.id, { "Idempotency-Key": unique("key") });
    expect(fresh.status).toBe(201);
    expect(fresh.body.status).toBe("confirmed");
  });
});

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

  it("closes a cancelled event to new bookings while existing bookings remain", async () => {
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
    expect(await bookingOf(kept.token, booking.id)).toEqual(booking);
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 4, waitlistCount: 0 });
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

describe("the ledger and D1", () => {
  it("hold the same bookings and counters after a sequence of changes", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 2, waitlistEnabled: true });
    const [a, b, c, d, e] = await attendeesNamed("A", "B", "C", "D", "E");
    const ba = await booked(event.id, a);
    await booked(event.id, b);
    await booked(event.id, c);
    const bd = await booked(event.id, d);
    expect((await cancel(a.token, ba.id)).body.promoted.attendeeId).toBe(c.id);
    expect((await cancel(d.token, bd.id)).body.promoted).toBeNull();
    await booked(event.id, d);
    await booked(event.id, e);
    const patched = await api("PATCH", `/api/events/${event.id}`, {
      token: organizer.token,
      body: { capacity: 3 },
    });
    expect(patched.status).toBe(200);
    await booked(event.id, a);

    const stub = env.EVENT_LEDGER.get(env.EVENT_LEDGER.idFromName(event.id));
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
