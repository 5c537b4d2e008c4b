import { describe, expect, it } from "vitest";
import { bodyIn, expectProblem } from "../client";
import { registerAttendee, registerOrganizer } from "../helpers";
import { order } from "../races/seat-invariants";
import {
  attendeesNamed,
  booked,
  bookingOf,
  bookingShape,
  cancel,
  expectCounters,
  organizerWithEvent,
} from "./helpers";

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
      promotions: [],
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

  it("lists every booking the freed seats promoted, in waitlist order", async () => {
    const { event } = await organizerWithEvent({ capacity: 3, waitlistEnabled: true });
    const [group, first, second, third] = await attendeesNamed("Group", "W1", "W2", "W3");
    const held = await order(event.id, group, { seats: 3 });
    expect(held.body).toMatchObject({ status: "confirmed", seats: 3 });
    const expected = [];
    for (const attendee of [first, second, third]) {
      const { id, createdAt } = await booked(event.id, attendee);
      expected.push({ ...bookingShape(event, attendee, "confirmed", null), id, createdAt });
    }

    const res = await cancel(group.token, bodyIn(held, 201).id);

    expect(res.status).toBe(200);
    expect(res.body.promotions).toEqual(expected);
    expect(res.body.promoted).toEqual(res.body.promotions[0]);
    await expectCounters(event.id, { bookedCount: 3, availableSeats: 0, waitlistCount: 0 });
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

    await expectProblem(await cancel(attendee.token, booking.id), 409, "already_cancelled");
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("refuses another attendee and another organizer with 403", async () => {
    const { event } = await organizerWithEvent();
    const stranger = await registerOrganizer("Other Events Inc");
    const [owner, other] = await attendeesNamed("Owner", "Other");
    const booking = await booked(event.id, owner);

    await expectProblem(await cancel(other.token, booking.id), 403, "forbidden");
    await expectProblem(await cancel(stranger.token, booking.id), 403, "forbidden");
    expect((await bookingOf(owner.token, booking.id)).status).toBe("confirmed");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 99, waitlistCount: 0 });
  });

  it("answers 404 booking_not_found for an unknown id", async () => {
    const attendee = await registerAttendee();
    const res = await cancel(attendee.token, "0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a");
    await expectProblem(res, 404, "booking_not_found");
  });
});
