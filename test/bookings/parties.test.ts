import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, expectProblem } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesNamed, book, booked, expectCounters, organizerWithEvent } from "./helpers";

/**
 * The booking route remembers each event's organizer in the isolate, and nothing about
 * callers or attendees: these answers must hold on an isolate that has booked before.
 */
describe("the parties of a booking on a warm isolate", () => {
  it("refuses a deleted attendee's token with 401 and takes no seat", async () => {
    const { event } = await organizerWithEvent({ capacity: 5 });
    const { event: other } = await organizerWithEvent({ capacity: 5 });
    const [leaver] = await attendeesNamed("Leaver");
    await booked(event.id, leaver);
    const gone = await as(leaver.token).api.attendees[":id"].$delete({ param: { id: leaver.id } });
    await bodyOf(gone, 200);

    await expectProblem(await book(leaver.token, other.id, leaver.id), 401, "unauthorized");
    await expectProblem(await book(leaver.token, event.id, leaver.id), 401, "unauthorized");
    await expectCounters(other.id, { bookedCount: 0, availableSeats: 5, waitlistCount: 0 });
  });

  it("answers 404 for an event deleted after its organizer was remembered", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 5 });
    const [first, second, third] = await attendeesNamed("First", "Second", "Third");
    const made = await book(organizer.token, event.id, first.id);
    expect(made.status).toBe(201);
    await booked(event.id, second);
    const gone = await as(organizer.token).api.events[":id"].$delete({ param: { id: event.id } });
    await bodyOf(gone, 200);

    await expectProblem(await book(organizer.token, event.id, third.id), 404, "event_not_found");
    await expectProblem(await book(third.token, event.id, third.id), 404, "event_not_found");
    await expectProblem(
      await anyone.api.events[":id"].$get({ param: { id: event.id } }),
      404,
      "event_not_found",
    );
  });

  it("keeps refusing another organizer once the event's organizer is remembered", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 5 });
    const stranger = await registerOrganizer("Someone Else Ltd");
    const [guest] = await attendeesNamed("Guest");
    expect((await book(organizer.token, event.id, guest.id)).status).toBe(201);

    await expectProblem(await book(stranger.token, event.id, guest.id), 403, "forbidden");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 4, waitlistCount: 0 });
  });

  it("refuses an organizer whose account closed, though their event is remembered", async () => {
    const organizer = await registerOrganizer("Closing Ltd");
    const event = await createEvent(organizer.token, { capacity: 5 });
    const [a, b] = await attendeesNamed("A", "B");
    expect((await book(organizer.token, event.id, a.id)).status).toBe(201);
    await bodyOf(await as(organizer.token).api.auth.me.$delete(), 200);

    await expectProblem(await book(organizer.token, event.id, b.id), 401, "unauthorized");
  });

  it("answers an attendee's booking of an unknown event with 404 before its ledger", async () => {
    const [walker] = await attendeesNamed("Walker");
    const unknown = "01a20000-0000-7000-8000-000000000000";
    await expectProblem(await book(walker.token, unknown, walker.id), 404, "event_not_found");
    // No ledger was created for an id nobody made.
    const created = await listDurableObjectIds(env.EVENT_LEDGER);
    const probe = env.EVENT_LEDGER.idFromName(unknown);
    expect(created.some((id) => id.equals(probe))).toBe(false);
  });

  it("lets an attendee book only for themselves", async () => {
    const { event } = await organizerWithEvent({ capacity: 5 });
    const [me, you] = await attendeesNamed("Me", "You");
    await booked(event.id, me);
    await expectProblem(await book(me.token, event.id, you.id), 403, "forbidden");
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 4, waitlistCount: 0 });
  });
});

describe("booking on another organizer's event", () => {
  it("answers the same 403 for a real attendee and an unknown id, and takes no seat", async () => {
    const { event } = await organizerWithEvent({ capacity: 5 });
    const stranger = await registerOrganizer("Prober Ltd");
    const [real] = await attendeesNamed("Real");
    const unknown = "01a20000-0000-7000-8000-00000000beef";

    const forReal = await book(stranger.token, event.id, real.id);
    const forUnknown = await book(stranger.token, event.id, unknown);
    await expectProblem(forReal, 403, "forbidden");
    await expectProblem(forUnknown, 403, "forbidden");
    expect(forUnknown.body).toEqual(forReal.body);
    await expectCounters(event.id, { bookedCount: 0, availableSeats: 5, waitlistCount: 0 });
  });

  it("still tells the event's own organizer that an attendee id is unknown", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 5 });
    const unknown = "01a20000-0000-7000-8000-00000000cafe";
    await expectProblem(await book(organizer.token, event.id, unknown), 404, "attendee_not_found");
  });
});
