import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, expectProblem } from "./client";
import { createEvent, registerAttendee, registerOrganizer } from "./helpers";
import { eventually } from "./notifications/helpers";

const book = (attendee: { id: string; token: string }, eventId: string) =>
  as(attendee.token).api.bookings.$post({ header: {}, json: { eventId, attendeeId: attendee.id } });

type EventBody = Parameters<ReturnType<typeof as>["api"]["events"]["$post"]>[0]["json"];

/** The usual event, with a sale window of its own. */
const createWindow = (token: string, window: Partial<EventBody>) =>
  as(token).api.events.$post({
    json: {
      title: "Symfony Conference",
      country: "FR",
      startDate: "2030-05-01T10:00:00",
      endDate: "2030-05-01T18:00:00",
      capacity: 100,
      ...window,
    },
  });

const eventById = async (id: string) =>
  bodyOf(await anyone.api.events[":id"].$get({ param: { id } }), 200);

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

const notifications = async (eventId: string, type: string) =>
  (
    await env.DB.prepare("SELECT attendee_id FROM notifications WHERE event_id = ? AND type = ?")
      .bind(eventId, type)
      .all<{ attendee_id: string }>()
  ).results.map((r) => r.attendee_id);

describe("sale windows", () => {
  it("validates the window against the start and itself", async () => {
    const org = await registerOrganizer();
    const late = await createWindow(org.token, { salesEndAt: "2030-05-01T10:00:01" });
    const lateProblem = await expectProblem(late, 422, "validation_failed");
    expect(lateProblem.errors?.[0]?.path).toBe("salesEndAt");
    const backwards = await createWindow(org.token, {
      salesStartAt: "2030-04-02T00:00:00",
      salesEndAt: "2030-04-01T00:00:00",
    });
    await expectProblem(backwards, 422, "validation_failed");
    const afterStart = await createWindow(org.token, { salesStartAt: "2030-05-01T10:00:00" });
    const afterStartProblem = await expectProblem(afterStart, 422, "validation_failed");
    expect(afterStartProblem.errors?.[0]?.path).toBe("salesStartAt");

    const event = await createEvent(org.token, { salesEndAt: "2030-05-01T10:00:00+02:00" });
    expect(event).toMatchObject({ salesStartAt: null, salesEndAt: "2030-05-01T08:00:00.000Z" });
    // A later start date keeps the window valid; an earlier one than salesEndAt does not.
    const moved = await as(org.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { startDate: "2030-05-01T07:00:00", endDate: "2030-05-01T18:00:00" },
    });
    const movedProblem = await expectProblem(moved, 422, "validation_failed");
    expect(movedProblem.errors?.[0]?.path).toBe("salesEndAt");
    expect((await eventById(event.id)).startDate).toBe("2030-05-01T10:00:00.000Z");
  });

  it("refuses bookings before the window (sales_not_open) and after it (sales_closed)", async () => {
    const org = await registerOrganizer();
    const attendee = await registerAttendee();
    const early = await createEvent(org.token, { salesStartAt: "2030-01-01T00:00:00" });
    await expectProblem(await book(attendee, early.id), 409, "sales_not_open");
    const closed = await createEvent(org.token, {
      salesStartAt: "2020-01-01T00:00:00",
      salesEndAt: inSeconds(-0.001),
    });
    await expectProblem(await book(attendee, closed.id), 409, "sales_closed");
    const reopened = await as(org.token).api.events[":id"].$patch({
      param: { id: closed.id },
      json: { salesEndAt: null },
    });
    expect(reopened.status).toBe(200);
    expect((await book(attendee, closed.id)).status).toBe(201);
    expect((await eventById(early.id)).bookedCount).toBe(0);
  });

  it("opens sales on time by itself and tells each interested attendee once", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { salesStartAt: inSeconds(3) });
    const fans = [await registerAttendee("Ana"), await registerAttendee("Ben")];
    const bystander = await registerAttendee("Cleo");
    for (const fan of fans) {
      const interest = () =>
        as(fan.token).api.events[":id"].interest.$post({ param: { id: event.id } });
      expect((await interest()).status).toBe(201);
      expect((await interest()).status).toBe(200);
    }
    await expectProblem(await book(fans[0] as any, event.id), 409, "sales_not_open");
    const told = await eventually(
      () => notifications(event.id, "event.sales_opened"),
      (ids) => ids.length >= 2,
      20_000,
    );
    expect(told.sort()).toEqual(fans.map((f) => f.id).sort());
    expect((await book(fans[0] as any, event.id)).status).toBe(201);
    expect(await notifications(event.id, "event.sales_opened")).not.toContain(bystander.id);
    // Still once, after the alarm has fired again for other work.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await notifications(event.id, "event.sales_opened")).toHaveLength(2);
  });
});
