import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, expectProblem } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { eventually, openSocket } from "./helpers";

describe("GET /api/notifications/stream", () => {
  it("delivers a booking's notification to the attendee's open sockets, and to nobody else", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { title: "Symfony Conference" });
    const alice = await registerAttendee("Alice");
    const bob = await registerAttendee("Bob");
    const tab1 = await openSocket("/api/notifications/stream", {
      "Sec-WebSocket-Protocol": `bearer.${alice.token}`,
    });
    const tab2 = await openSocket(`/api/notifications/stream?token=${alice.token}`);
    const other = await openSocket(`/api/notifications/stream?token=${bob.token}`);
    expect(tab1.res.status).toBe(101);
    expect(tab1.res.headers.get("Sec-WebSocket-Protocol")).toBe(`bearer.${alice.token}`);
    expect(tab2.res.status).toBe(101);

    const booked = await bodyOf(
      await as(alice.token).api.bookings.$post({
        header: {},
        json: { eventId: event.id, attendeeId: alice.id },
      }),
      201,
    );
    // The real pipeline: ledger outbox → queue → consumer → the attendee's hub.
    await eventually(
      () => tab1.frames.length + tab2.frames.length,
      (n) => n >= 2,
    );
    for (const frames of [tab1.frames, tab2.frames]) {
      expect(frames[0]).toMatchObject({
        type: "booking.confirmed",
        eventId: event.id,
        bookingId: booked.id,
        title: expect.stringContaining("Symfony Conference"),
      });
      expect(Object.keys(frames[0]).sort()).toEqual(
        ["body", "bookingId", "createdAt", "eventId", "id", "title", "type"].sort(),
      );
    }
    expect(other.frames).toEqual([]);
    for (const s of [tab1, tab2, other]) s.socket?.close();
  });

  it("refuses a bad or missing token before the upgrade", async () => {
    const none = await openSocket("/api/notifications/stream");
    await expectProblem(none.res, 401, "unauthorized");
    const bad = await openSocket("/api/notifications/stream", {
      "Sec-WebSocket-Protocol": "bearer.at_nope",
    });
    await expectProblem(bad.res, 401, "unauthorized");
    expect(bad.socket).toBeNull();
    const org = await registerOrganizer();
    const organizer = await openSocket(`/api/notifications/stream?token=${org.token}`);
    await expectProblem(organizer.res, 403, "forbidden");
  });

  it("answers 426 to a plain GET", async () => {
    const alice = await registerAttendee();
    const res = await anyone.api.notifications.stream.$get({
      query: { token: alice.token },
      header: {},
    });
    await expectProblem(res, 426, "upgrade_required");
  });
});

describe("GET /api/events/{id}/live", () => {
  it("sends the seat counts on connect and the latest after changes", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 1, waitlistEnabled: true });
    const live = await openSocket(`/api/events/${event.id}/live`);
    expect(live.res.status).toBe(101);
    await eventually(
      () => live.frames.length,
      (n) => n >= 1,
    );
    expect(live.frames[0]).toEqual({
      availableSeats: 1,
      bookedCount: 0,
      heldSeats: 0,
      waitlistCount: 0,
      status: "scheduled",
    });

    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    const book = (who: { id: string; token: string }) =>
      as(who.token).api.bookings.$post({
        header: {},
        json: { eventId: event.id, attendeeId: who.id },
      });
    const first = await bodyOf(await book(a), 201);
    await book(b);
    await as(a.token).api.bookings[":id"].$delete({ param: { id: first.id } });
    await as(org.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { status: "cancelled" },
    });
    // Frames are coalesced (test/sockets/live-viewers.test.ts): the last carries the end state.
    await eventually(
      () => live.frames.at(-1)?.status,
      (status) => status === "cancelled",
    );
    expect(live.frames.length).toBeLessThanOrEqual(5);
    expect(live.frames.at(-1)).toEqual({
      availableSeats: 1,
      bookedCount: 0,
      heldSeats: 0,
      waitlistCount: 0,
      status: "cancelled",
    });
    live.socket?.close();
  });

  it("answers 404 for an unknown event without creating a ledger for it", async () => {
    const res = await openSocket("/api/events/no-such-event/live");
    await expectProblem(res.res, 404, "event_not_found");
    const created = await listDurableObjectIds(env.EVENT_LEDGER);
    const probe = env.EVENT_LEDGER.idFromName("no-such-event");
    expect(created.some((id) => id.equals(probe))).toBe(false);
  });
});
