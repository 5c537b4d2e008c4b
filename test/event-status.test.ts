import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../src/db/client";
import { events } from "../src/db/schema";
import type { EventStatus } from "../src/domain/enums";
import { newId } from "../src/lib/ids";
import { anyone, as, bodyOf, expectProblem, raw } from "./client";
import { createEvent, registerAttendee, registerOrganizer } from "./helpers";
import { eventually, openSocket } from "./notifications/helpers";

const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/**
 * Events whose dates have already come, written straight to D1 as an event created
 * long ago would be: the API itself only takes events that start in the future.
 */
const storedEvent = async (
  organizerId: string,
  title: string,
  dates: { startDate: string; endDate: string },
  status: EventStatus = "scheduled",
) => {
  const id = newId();
  const created = at(-30 * DAY);
  await database(env.DB)
    .insert(events)
    .values({
      id,
      organizerId,
      title,
      country: "FR",
      ...dates,
      capacity: 10,
      status,
      createdAt: created,
      updatedAt: created,
    });
  return id;
};

const ENDED = { startDate: at(-2 * DAY), endDate: at(-DAY) };
const UNDER_WAY = { startDate: at(-DAY), endDate: at(DAY) };

const titles = async (organizerId: string, status?: EventStatus) => {
  const query = { organizerId, sort: "title" as const, ...(status ? { status } : {}) };
  const page = await bodyOf(await anyone.api.events.$get({ query }), 200);
  return page.data.map((e) => `${e.title}:${e.status}`);
};

const eventById = async (id: string) =>
  bodyOf(await anyone.api.events[":id"].$get({ param: { id } }), 200);

describe("event status follows the clock", () => {
  it("reads ongoing and completed from the dates, in every response and every filter", async () => {
    const org = await registerOrganizer();
    const ended = await storedEvent(org.id, "Ended", ENDED);
    const underWay = await storedEvent(org.id, "Under way", UNDER_WAY);
    await storedEvent(org.id, "Ended, cancelled", ENDED, "cancelled");
    await createEvent(org.token, { title: "Coming" });

    expect((await eventById(ended)).status).toBe("completed");
    expect((await eventById(underWay)).status).toBe("ongoing");
    expect(await titles(org.id)).toEqual([
      "Coming:scheduled",
      "Ended:completed",
      "Ended, cancelled:cancelled",
      "Under way:ongoing",
    ]);
    expect(await titles(org.id, "completed")).toEqual(["Ended:completed"]);
    expect(await titles(org.id, "ongoing")).toEqual(["Under way:ongoing"]);
    expect(await titles(org.id, "scheduled")).toEqual(["Coming:scheduled"]);
    expect(await titles(org.id, "cancelled")).toEqual(["Ended, cancelled:cancelled"]);
  });

  it("answers the derived status after an organizer's change too", async () => {
    const org = await registerOrganizer();
    const ended = await storedEvent(org.id, "Ended", ENDED);
    const res = await as(org.token).api.events[":id"].$patch({
      param: { id: ended },
      json: { title: "Ended, renamed" },
    });
    expect(await bodyOf(res, 200)).toMatchObject({ title: "Ended, renamed", status: "completed" });
  });

  it("sends the derived status on the live socket", async () => {
    const org = await registerOrganizer();
    const underWay = await storedEvent(org.id, "Under way", UNDER_WAY);
    const live = await openSocket(`/api/events/${underWay}/live`);
    expect(live.res.status).toBe(101);
    await eventually(
      () => live.frames.length,
      (n) => n >= 1,
    );
    expect(live.frames[0]).toMatchObject({ status: "ongoing", availableSeats: 10 });
    live.socket?.close(1000, "done");
  });
});

describe("statuses an organizer may set", () => {
  it.each(["ongoing", "completed"])(
    "refuses status %s on create: 422 at path status",
    async (status) => {
      const org = await registerOrganizer();
      // A status only the clock sets: no typed call can send it.
      const res = await raw("POST", "/api/events", {
        token: org.token,
        body: {
          title: "T",
          country: "FR",
          startDate: at(DAY),
          endDate: at(2 * DAY),
          capacity: 5,
          status,
        },
      });
      const problem = await expectProblem(res, 422, "validation_failed");
      expect(problem.errors?.map((e) => e.path)).toEqual(["status"]);
      expect(await titles(org.id)).toEqual([]);
    },
  );

  it.each(["PATCH", "PUT"])(
    "refuses %s status completed: 422, the event unchanged",
    async (method) => {
      const org = await registerOrganizer();
      const event = await createEvent(org.token);
      const res = await raw(method, `/api/events/${event.id}`, {
        token: org.token,
        body: { status: "completed" },
      });
      const problem = await expectProblem(res, 422, "validation_failed");
      expect(problem.errors?.map((e) => e.path)).toEqual(["status"]);
      expect(await eventById(event.id)).toEqual(event);
    },
  );

  it("cancels and reschedules", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    for (const status of ["cancelled", "scheduled"] as const) {
      const res = await as(org.token).api.events[":id"].$patch({
        param: { id: event.id },
        json: { status },
      });
      expect((await bodyOf(res, 200)).status).toBe(status);
    }
  });
});

describe("booking an event that is not open", () => {
  it("says the event has already started", async () => {
    const org = await registerOrganizer();
    const underWay = await storedEvent(org.id, "Under way", UNDER_WAY);
    const attendee = await registerAttendee();
    const res = await as(attendee.token).api.bookings.$post({
      header: {},
      json: { eventId: underWay, attendeeId: attendee.id },
    });
    const problem = await expectProblem(res, 409, "event_not_bookable");
    expect(problem.detail).toBe("The event has already started.");
  });

  it("says the event has been cancelled", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { status: "cancelled" });
    const attendee = await registerAttendee();
    const res = await as(attendee.token).api.bookings.$post({
      header: {},
      json: { eventId: event.id, attendeeId: attendee.id },
    });
    const problem = await expectProblem(res, 409, "event_not_bookable");
    expect(problem.detail).toBe("The event has been cancelled.");
    const bookings = await as(org.token).api.events[":id"].bookings.$get({
      param: { id: event.id },
      query: {},
    });
    expect((await bodyOf(bookings, 200)).pagination.total).toBe(0);
  });
});
