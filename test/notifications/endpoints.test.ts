import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { LANGUAGES, NOTIFICATION_TYPES } from "../../src/notifications/types";
import { type anyone, as, bodyOf, expectProblem, raw } from "../client";
import { parameterGuard } from "../d1-parameters";
import { BASE, createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { consume, domainEvent } from "./helpers";

type Attendee = (typeof anyone.api.attendees)[":id"];
type PreferencesInput = InferRequestType<Attendee["preferences"]["$put"]>["json"];
type DeviceInput = InferRequestType<Attendee["devices"]["$post"]>["json"];

describe("PUT /api/attendees/{id}/preferences", () => {
  const putPreferences = (token: string, id: string, json: PreferencesInput) =>
    as(token).api.attendees[":id"].preferences.$put({ param: { id }, json });

  it("stores the channels and locale for that attendee only", async () => {
    const a = await registerAttendee();
    const res = await putPreferences(a.token, a.id, {
      email: false,
      push: true,
      websocket: false,
      locale: "de-at",
    });
    expect(await bodyOf(res, 200)).toEqual({
      email: false,
      push: true,
      websocket: false,
      locale: "de-AT",
    });
    const row = await env.DB.prepare(
      "SELECT notify_email, notify_push, notify_websocket, locale FROM attendees WHERE id = ?",
    )
      .bind(a.id)
      .first();
    expect(row).toEqual({ notify_email: 0, notify_push: 1, notify_websocket: 0, locale: "de-AT" });

    const b = await registerAttendee();
    await expectProblem(
      await putPreferences(b.token, a.id, { email: true, push: true, websocket: true }),
      403,
      "forbidden",
    );
    // Raw: the typed body requires every channel, and a missing one is what is under test.
    await expectProblem(
      await raw("PUT", `/api/attendees/${a.id}/preferences`, {
        token: a.token,
        body: { email: true },
      }),
      422,
      "validation_failed",
    );
  });
});

describe("devices", () => {
  const addDevice = (who: { id: string; token: string }, json: DeviceInput) =>
    as(who.token).api.attendees[":id"].devices.$post({ param: { id: who.id }, json });
  const removeDevice = (who: { id: string; token: string }, deviceId: string) =>
    as(who.token).api.attendees[":id"].devices[":deviceId"].$delete({
      param: { id: who.id, deviceId },
    });

  it("registers a phone (201 + Location) and removes it", async () => {
    const a = await registerAttendee();
    const res = await addDevice(a, { platform: "ios", token: "a1b2c3d4" });
    const added = await bodyOf(res, 201);
    expect(added).toMatchObject({ attendeeId: a.id, platform: "ios", token: "a1b2c3d4" });
    expect(res.headers.get("Location")).toBe(`/api/attendees/${a.id}/devices/${added.id}`);
    // Raw: no typed call can name a platform the API does not know.
    await expectProblem(
      await raw("POST", `/api/attendees/${a.id}/devices`, {
        token: a.token,
        body: { platform: "windows", token: "x" },
      }),
      422,
      "validation_failed",
    );
    const removed = await removeDevice(a, added.id);
    expect(await bodyOf(removed, 200)).toEqual({ message: "Device removed" });
    await expectProblem(await removeDevice(a, added.id), 404, "not_found");
  });

  it("refuses a phone another attendee registered with 409, and leaves it theirs", async () => {
    const [a, b] = [await registerAttendee(), await registerAttendee()];
    const token = `shared-phone-${a.id}`;
    const add = (who: { id: string; token: string }) =>
      addDevice(who, { platform: "android", token });
    const first = await bodyOf(await add(a), 201);

    const taken = await expectProblem(await add(b), 409, "attendee_exists");
    expect(JSON.stringify(taken)).not.toContain(a.id);
    const owners = await env.DB.prepare("SELECT id, attendee_id FROM devices WHERE token = ?")
      .bind(token)
      .all();
    expect(owners.results).toEqual([{ id: first.id, attendee_id: a.id }]);

    // Its owner may register it again, and once they remove it, anyone may.
    expect((await bodyOf(await add(a), 201)).id).toBe(first.id);
    await removeDevice(a, first.id);
    expect((await bodyOf(await add(b), 201)).attendeeId).toBe(b.id);
  });
});

describe("GET /api/notifications/templates/{type}/preview", () => {
  const preview = (token: string, type: string, query: { locale?: string } = {}) =>
    as(token).api.notifications.templates[":type"].preview.$get({ param: { type }, query });

  it("renders a template with sample data in the asked language, for organizers", async () => {
    const org = await registerOrganizer();
    const fr = await bodyOf(
      await preview(org.token, "booking.confirmed", { locale: "fr-CA" }),
      200,
    );
    expect(Object.keys(fr).sort()).toEqual(["html", "subject", "text"]);
    expect(fr.text).toContain("John Doe");
    expect(fr.html).toContain("Symfony Conference");
    const en = await bodyOf(await preview(org.token, "booking.confirmed"), 200);
    expect(en.subject).not.toBe(fr.subject);
    await expectProblem(await preview(org.token, "nope"), 404, "not_found");
    const a = await registerAttendee();
    await expectProblem(await preview(a.token, "booking.confirmed"), 403, "forbidden");
  });

  it("renders every type in every language, a refund with its amount", async () => {
    const org = await registerOrganizer();
    for (const type of NOTIFICATION_TYPES) {
      for (const locale of LANGUAGES) {
        const res = await preview(org.token, type, { locale });
        expect(res.status, `${type} ${locale}`).toBe(200);
        const rendered = await bodyOf(res, 200);
        expect(rendered.subject).toContain("Symfony Conference");
        expect(rendered.text).not.toMatch(/\{\{|\}\}/);
      }
    }
    const refund = await bodyOf(
      await preview(org.token, "booking.refunded", { locale: "fr" }),
      200,
    );
    expect(refund.subject).toBe("Remboursement de 100,00 € pour Symfony Conference");
  });
});

describe("GET /api/notifications", () => {
  it("is for attendees, paginated", async () => {
    const a = await registerAttendee();
    const res = await as(a.token).api.notifications.$get({ query: { limit: "5" } });
    expect(await bodyOf(res, 200)).toEqual({
      data: [],
      pagination: { limit: 5, offset: 0, total: 0 },
    });
    const org = await registerOrganizer();
    await expectProblem(
      await as(org.token).api.notifications.$get({ query: {} }),
      403,
      "forbidden",
    );
    await expectProblem(
      await as(a.token).api.notifications.$get({ query: { limit: "0" } }),
      422,
      "validation_failed",
    );
  });
});

describe("an attendee's notifications", () => {
  it("are listed newest change first, dated by the change, once however often it is delivered", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { title: "Ordered" });
    const attendee = await registerAttendee();
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    // Consumed out of the order they happened in, the middle one twice.
    const [older, newest, middle] = [30, 1, 10].map((minutes) =>
      domainEvent({
        type: "event.updated",
        eventId: event.id,
        attendeeId: attendee.id,
        occurredAt: at(minutes),
        data: {},
      }),
    );
    for (const message of [older, newest, middle, middle]) await consume([message]);

    const res = await as(attendee.token).api.notifications.$get({ query: { limit: "2" } });
    const page = await bodyOf(res, 200);
    expect(page.pagination).toEqual({ limit: 2, offset: 0, total: 3 });
    expect(page.data.map((n) => n.createdAt)).toEqual([newest?.occurredAt, middle?.occurredAt]);
    // The contract's fields, and nothing of how the row is kept or claimed.
    expect(Object.keys(page.data[0] ?? {}).sort()).toEqual(
      ["body", "bookingId", "createdAt", "deliveries", "eventId", "id", "title", "type"].sort(),
    );
    const next = await as(attendee.token).api.notifications.$get({
      query: { limit: "2", offset: "2" },
    });
    expect((await bodyOf(next, 200)).data.map((n) => n.createdAt)).toEqual([older?.occurredAt]);
  });
});

/** `count` notifications of the attendee, each with one email delivery, in two statements. */
const storeNotifications = (attendeeId: string, count: number) =>
  env.DB.batch([
    env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
       INSERT INTO notifications (id, domain_event_id, attendee_id, type, title, body, event_id, created_at,
         claimed_at)
       SELECT ?1 || '-n' || i, ?1 || '-de' || i, ?1, 'booking.confirmed', 'Confirmed', 'See you',
              'some-event', '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z'
       FROM n`,
    ).bind(attendeeId, count),
    env.DB.prepare(
      `INSERT INTO notification_deliveries
         (id, attendee_id, notification_id, domain_event_id, channel, recipient, status, attempts,
          updated_at)
       SELECT id || '-email', attendee_id, id, domain_event_id, 'email', 'someone@example.com', 'sent', 1, created_at
       FROM notifications WHERE attendee_id = ?1`,
    ).bind(attendeeId),
  ]);

describe("GET /api/notifications within D1's bound-parameter limit", () => {
  it("binds as few parameters for a page of 100 as for a page of 1", async () => {
    const attendee = await registerAttendee();
    await storeNotifications(attendee.id, 100);
    const page = async (limit: number) => {
      const { db, bound } = parameterGuard(env.DB);
      const ctx = createExecutionContext();
      const res = await createApp().fetch(
        new Request(`${BASE}/api/notifications?limit=${limit}`, {
          headers: { Authorization: `Bearer ${attendee.token}` },
        }),
        { ...env, DB: db },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { deliveries: unknown[] }[] };
      expect(body.data).toHaveLength(limit);
      for (const item of body.data) {
        expect(item.deliveries).toEqual([{ channel: "email", status: "sent", attempts: 1 }]);
      }
      return bound.widest;
    };
    expect(await page(100)).toBe(await page(1));
  });

  it("has a guard that refuses what D1 would refuse", () => {
    const { db } = parameterGuard(env.DB);
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(() => db.prepare("SELECT 1").bind(...values)).toThrow(/D1 allows 100/);
  });
});
