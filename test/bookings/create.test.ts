import { describe, expect, it } from "vitest";
import { as, bodyIn, expectProblem, raw } from "../client";
import { registerAttendee, registerOrganizer } from "../helpers";
import {
  attendeesNamed,
  book,
  booked,
  bookingOf,
  bookingShape,
  cancel,
  expectCounters,
  organizerWithEvent,
  PAST,
} from "./helpers";

type EventChange = Parameters<ReturnType<typeof as>["api"]["events"][":id"]["$patch"]>[0]["json"];

const patchEvent = (token: string, id: string, json: EventChange) =>
  as(token).api.events[":id"].$patch({ param: { id }, json });

describe("POST /api/bookings", () => {
  it("confirms the attendee's own booking: 201, Location and the full Booking", async () => {
    const { event } = await organizerWithEvent({ capacity: 2 });
    const [attendee] = await attendeesNamed("John Doe");

    const res = await book(attendee.token, event.id, attendee.id);

    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body).toEqual(bookingShape(event, attendee, "confirmed", null));
    expect(res.headers.get("location")).toBe(`/api/bookings/${bodyIn(res, 201).id}`);
    // The attendee's read adds the link to their tickets.
    expect(await bookingOf(attendee.token, bodyIn(res, 201).id)).toEqual({
      ...res.body,
      ticketsUrl: expect.stringContaining(`/tickets/${bodyIn(res, 201).id}?key=`),
    });
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

    await expectProblem(await book(stranger.token, event.id, attendee.id), 403, "forbidden");
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("refuses an attendee booking for someone else with 403", async () => {
    const { event } = await organizerWithEvent();
    const [mallory, victim] = await attendeesNamed("Mallory", "Victim");

    await expectProblem(await book(mallory.token, event.id, victim.id), 403, "forbidden");
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("answers 404 event_not_found for an unknown event", async () => {
    const attendee = await registerAttendee();
    const res = await book(attendee.token, "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e", attendee.id);
    await expectProblem(res, 404, "event_not_found");
  });

  it("answers 404 attendee_not_found for an unknown attendee", async () => {
    const { organizer, event } = await organizerWithEvent();
    const res = await book(organizer.token, event.id, "0192f1c5-1b2c-7d3e-8f40-5a6b7c8d9e0f");
    await expectProblem(res, 404, "attendee_not_found");
  });

  it("refuses a full event without waitlist: 409 event_full, 'Event is fully booked'", async () => {
    const { event } = await organizerWithEvent({ capacity: 1 });
    const [first, late] = await attendeesNamed("First", "Late");
    await booked(event.id, first);

    const res = await book(late.token, event.id, late.id);

    await expectProblem(res, 409, "event_full");
    expect(bodyIn(res, 409).title).toBe("Event is fully booked");
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
      expect(res.headers.get("location")).toBe(`/api/bookings/${bodyIn(res, 201).id}`);
      expect(res.body).toEqual(bookingShape(event, attendee, "waitlisted", index + 1));
      expect(await bookingOf(attendee.token, bodyIn(res, 201).id)).toEqual(res.body);
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
    await expectProblem(again, 409, "already_booked");
    expect(bodyIn(again, 409).title).toBe("Attendee already booked this event");
    await expectProblem(await book(organizer.token, event.id, attendee.id), 409, "already_booked");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 4, waitlistCount: 0 });
  });

  it("refuses a second booking while the first is waitlisted: 409 already_booked", async () => {
    const { event } = await organizerWithEvent({ capacity: 1, waitlistEnabled: true });
    const [holder, waiting] = await attendeesNamed("Holder", "Waiting");
    await booked(event.id, holder);
    expect((await booked(event.id, waiting)).status).toBe("waitlisted");

    const again = await book(waiting.token, event.id, waiting.id);
    await expectProblem(again, 409, "already_booked");
    expect(bodyIn(again, 409).title).toBe("Attendee already booked this event");
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
    expect(bodyIn(second, 201).id).not.toBe(first.id);
    expect((await bookingOf(attendee.token, first.id)).status).toBe("cancelled");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 0, waitlistCount: 0 });
  });

  it("refuses a cancelled event: 409 event_not_bookable", async () => {
    const { organizer, event } = await organizerWithEvent();
    const attendee = await registerAttendee();
    const patched = await patchEvent(organizer.token, event.id, { status: "cancelled" });
    expect(patched.status).toBe(200);

    await expectProblem(
      await book(attendee.token, event.id, attendee.id),
      409,
      "event_not_bookable",
    );
    await expectProblem(
      await book(organizer.token, event.id, attendee.id),
      409,
      "event_not_bookable",
    );
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("refuses an ongoing event: 409 event_not_bookable", async () => {
    const { organizer, event } = await organizerWithEvent();
    const ongoing = { ...PAST, endDate: "2099-05-01T18:00:00" };
    const patched = await patchEvent(organizer.token, event.id, ongoing);
    expect(patched.status).toBe(200);
    const attendee = await registerAttendee();
    await expectProblem(
      await book(attendee.token, event.id, attendee.id),
      409,
      "event_not_bookable",
    );
  });

  it("refuses an event that has already started: 409 event_not_bookable", async () => {
    // A new event must start in the future, so this one is moved into the past.
    const { organizer, event } = await organizerWithEvent({ waitlistEnabled: true });
    const moved = await patchEvent(organizer.token, event.id, PAST);
    expect(moved.status).toBe(200);
    const attendee = await registerAttendee();
    await expectProblem(
      await book(attendee.token, event.id, attendee.id),
      409,
      "event_not_bookable",
    );
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 100, waitlistCount: 0 });
  });

  it("answers 422 validation_failed for a missing eventId", async () => {
    const attendee = await registerAttendee();
    // Without the eventId the contract requires: no typed call can send it.
    const res = await raw("POST", "/api/bookings", {
      token: attendee.token,
      body: { attendeeId: attendee.id },
    });
    await expectProblem(res, 422, "validation_failed");
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
    const patched = await patchEvent(organizer.token, event.id, { capacity: 5 });
    expect(patched.status).toBe(200);
    await expectCounters(event.id, { bookedCount: 2, availableSeats: 3, waitlistCount: 0 });
  });
});
