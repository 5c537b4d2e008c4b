import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  api,
  createEvent,
  eventInput,
  expectProblem,
  registerAttendee,
  registerOrganizer,
} from "./helpers";
import { eventually } from "./notifications/helpers";

const book = (attendee: { id: string; token: string }, eventId: string) =>
  api("POST", "/api/bookings", {
    token: attendee.token,
    body: { eventId, attendeeId: attendee.id },
  });

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
    const late = await api("POST", "/api/events", {
      token: org.token,
      body: eventInput({ salesEndAt: "2030-05-01T10:00:01" }),
    });
    expectProblem(late, 422, "validation_failed");
    expect(late.body.errors[0].path).toBe("salesEndAt");
    const backwards = await api("POST", "/api/events", {
      token: org.token,
      body: eventInput({ salesStartAt: "2030-04-02T00:00:00", salesEndAt: "2030-04-01T00:00:00" }),
    });
    expectProblem(backwards, 422, "validation_failed");
    const afterStart = await api("POST", "/api/events", {
      token: org.token,
      body: eventInput({ salesStartAt: "2030-05-01T10:00:00" }),
    });
    expectProblem(afterStart, 422, "validation_failed");
    expect(afterStart.body.errors[0].path).toBe("salesStartAt");

    const event = await createEvent(org.token, { salesEndAt: "2030-05-01T10:00:00+02:00" });
    expect(event).toMatchObject({ salesStartAt: null, salesEndAt: "2030-05-01T08:00:00.000Z" });
    // A later start date keeps the window valid; an earlier one than salesEndAt does not.
    const moved = await api("PATCH", `/api/events/${event.id}`, {
      token: org.token,
      body: { startDate: "2030-05-01T07:00:00", endDate: "2030-05-01T18:00:00" },
    });
    expectProblem(moved, 422, "validation_failed");
    expect(moved.body.errors[0].path).toBe("salesEndAt");
    const stored = await api("GET", `/api/events/${event.id}`);
    expect(stored.body.startDate).toBe("2030-05-01T10:00:00.000Z");
  });

  it("refuses bookings before the window (sales_not_open) and after it (sales_closed)", async () => {
    const org = await registerOrganizer();
    const attendee = await registerAttendee();
    const early = await createEvent(org.token, { salesStartAt: "2030-01-01T00:00:00" });
    expectProblem(await book(attendee, early.id), 409, "sales_not_open");
    const closed = await createEvent(org.token, {
      salesStartAt: "2020-01-01T00:00:00",
      salesEndAt: inSeconds(-0.001),
    });
    expectProblem(await book(attendee, closed.id), 409, "sales_closed");
    const reopened = await api("PATCH", `/api/events/${closed.id}`, {
      token: org.token,
      body: { salesEndAt: null },
    });
    expect(reopened.status).toBe(200);
    expect((await book(attendee, closed.id)).status).toBe(201);
    const seats = await api("GET", `/api/events/${early.id}`);
    expect(seats.body.bookedCount).toBe(0);
  });

  it("opens sales on time by itself and tells each interested attendee once", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { salesStartAt: inSeconds(3) });
    const fans = [await registerAttendee("Ana"), await registerAttendee("Ben")];
    const bystander = await registerAttendee("Cleo");
    for (const fan of fans) {
      const first = await api("POST", `/api/events/${event.id}/interest`, { token: fan.token });
      expect(first.status).toBe(201);
      const again = await api("POST", `/api/events/${event.id}/interest`, { token: fan.token });
      expect(again.status).toBe(200);
    }
    expectProblem(await book(fans[0] as any, event.id), 409, "sales_not_open");
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
