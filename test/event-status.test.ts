import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../src/db/client";
import { events } from "../src/db/schema";
import type { EventStatus } from "../src/domain/enums";
import { newId } from "../src/lib/ids";
import { api, createEvent, expectProblem, registerAttendee, registerOrganizer } from "./helpers";
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

const titles = async (query: string) => {
  const res = await api("GET", `/api/events?${query}&sort=title`);
  expect(res.status).toBe(200);
  return res.body.data.map((e: any) => `${e.title}:${e.status}`);
};

describe("event status follows the clock", () => {
  it("reads ongoing and completed from the dates, in every response and every filter", async () => {
    const org = await registerOrganizer();
    const ended = await storedEvent(org.id, "Ended", ENDED);
    const underWay = await storedEvent(org.id, "Under way", UNDER_WAY);
    await storedEvent(org.id, "Ended, cancelled", ENDED, "cancelled");
    await createEvent(org.token, { title: "Coming" });

    expect((await api("GET", `/api/events/${ended}`)).body.status).toBe("completed");
    expect((await api("GET", `/api/events/${underWay}`)).body.status).toBe("ongoing");
    const scope = `organizerId=${org.id}`;
    expect(await titles(scope)).toEqual([
      "Coming:scheduled",
      "Ended:completed",
      "Ended, cancelled:cancelled",
      "Under way:ongoing",
    ]);
    expect(await titles(`${scope}&status=completed`)).toEqual(["Ended:completed"]);
    expect(await titles(`${scope}&status=ongoing`)).toEqual(["Under way:ongoing"]);
    expect(await titles(`${scope}&status=scheduled`)).toEqual(["Coming:scheduled"]);
    expect(await titles(`${scope}&status=cancelled`)).toEqual(["Ended, cancelled:cancelled"]);
  });

  it("answers the derived status after an organizer's change too", async () => {
    const org = await registerOrganizer();
    const ended = await storedEvent(org.id, "Ended", ENDED);
    const res = await api("PATCH", `/api/events/${ended}`, {
      token: org.token,
      body: { title: "Ended, renamed" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "Ended, renamed", status: "completed" });
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
      const res = await api("POST", "/api/events", {
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
      expectProblem(res, 422, "validation_failed");
      expect(res.body.errors.map((e: any) => e.path)).toEqual(["status"]);
      const mine = await api("GET", `/api/events?organizerId=${org.id}`);
      expect(mine.body.pagination.total).toBe(0);
    },
  );

  it.each(["PATCH", "PUT"])(
    "refuses %s status completed: 422, the event unchanged",
    async (method) => {
      const org = await registerOrganizer();
      const event = await createEvent(org.token);
      const res = await api(method, `/api/events/${event.id}`, {
        token: org.token,
        body: { status: "completed" },
      });
      expectProblem(res, 422, "validation_failed");
      expect(res.body.errors.map((e: any) => e.path)).toEqual(["status"]);
      expect((await api("GET", `/api/events/${event.id}`)).body).toEqual(event);
    },
  );

  it("cancels and reschedules", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    for (const status of ["cancelled", "scheduled"]) {
      const res = await api("PATCH", `/api/events/${event.id}`, {
        token: org.token,
        body: { status },
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
    }
  });
});

describe("booking an event that is not open", () => {
  it("says the event has already started", async () => {
    const org = await registerOrganizer();
    const underWay = await storedEvent(org.id, "Under way", UNDER_WAY);
    const attendee = await registerAttendee();
    const res = await api("POST", "/api/bookings", {
      token: attendee.token,
      body: { eventId: underWay, attendeeId: attendee.id },
    });
    expectProblem(res, 409, "event_not_bookable");
    expect(res.body.detail).toBe("The event has already started.");
  });

  it("says the event has been cancelled", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { status: "cancelled" });
    const attendee = await registerAttendee();
    const res = await api("POST", "/api/bookings", {
      token: attendee.token,
      body: { eventId: event.id, attendeeId: attendee.id },
    });
    expectProblem(res, 409, "event_not_bookable");
    expect(res.body.detail).toBe("The event has been cancelled.");
    const bookings = await api("GET", `/api/events/${event.id}/bookings`, { token: org.token });
    expect(bookings.body.pagination.total).toBe(0);
  });
});
