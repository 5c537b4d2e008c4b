import { describe, expect, it } from "vitest";
import { as, bodyIn, bodyOf, expectProblem } from "../client";
import { createEvent, registerAttendee, unique } from "../helpers";
import {
  attendeesNamed,
  book,
  booked,
  cancel,
  expectCounters,
  organizerWithEvent,
} from "./helpers";

describe("Idempotency-Key", () => {
  const eventBookings = async (token: string, eventId: string) => {
    const res = await as(token).api.events[":id"].bookings.$get({
      param: { id: eventId },
      query: {},
    });
    return bodyOf(res, 200);
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

    await expectProblem(reused, 422, "idempotency_key_reused");
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

    await expectProblem(res, 422, "validation_failed");
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
    expect(bodyIn(byA, 201).attendeeId).toBe(a.id);
    expect(bodyIn(byB, 201).attendeeId).toBe(b.id);
    expect(bodyIn(byOrganizer, 201).attendeeId).toBe(c.id);
    expect(
      new Set([bodyIn(byA, 201).id, bodyIn(byB, 201).id, bodyIn(byOrganizer, 201).id]).size,
    ).toBe(3);
    expect((await eventBookings(organizer.token, event.id)).pagination.total).toBe(3);
  });

  it("replays a refusal with the same status and body", async () => {
    const { event } = await organizerWithEvent({ capacity: 1 });
    const [holder, late] = await attendeesNamed("Holder", "Late");
    const held = await booked(event.id, holder);
    const headers = { "Idempotency-Key": unique("key") };

    const refused = await book(late.token, event.id, late.id, headers);
    await expectProblem(refused, 409, "event_full");
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
