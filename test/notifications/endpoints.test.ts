import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { LANGUAGES, NOTIFICATION_TYPES } from "../../src/notifications/types";
import { parameterGuard } from "../d1-parameters";
import { api, BASE, expectProblem, registerAttendee, registerOrganizer } from "../helpers";

describe("PUT /api/attendees/{id}/preferences", () => {
  it("stores the channels and locale for that attendee only", async () => {
    const a = await registerAttendee();
    const res = await api("PUT", `/api/attendees/${a.id}/preferences`, {
      token: a.token,
      body: { email: false, push: true, websocket: false, locale: "de-at" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email: false, push: true, websocket: false, locale: "de-AT" });
    const row = await env.DB.prepare(
      "SELECT notify_email, notify_push, notify_websocket, locale FROM attendees WHERE id = ?",
    )
      .bind(a.id)
      .first();
    expect(row).toEqual({ notify_email: 0, notify_push: 1, notify_websocket: 0, locale: "de-AT" });

    const b = await registerAttendee();
    expectProblem(
      await api("PUT", `/api/attendees/${a.id}/preferences`, {
        token: b.token,
        body: { email: true, push: true, websocket: true },
      }),
      403,
      "forbidden",
    );
    expectProblem(
      await api("PUT", `/api/attendees/${a.id}/preferences`, {
        token: a.token,
        body: { email: true },
      }),
      422,
      "validation_failed",
    );
  });
});

describe("devices", () => {
  it("registers a phone (201 + Location) and removes it", async () => {
    const a = await registerAttendee();
    const added = await api("POST", `/api/attendees/${a.id}/devices`, {
      token: a.token,
      body: { platform: "ios", token: "a1b2c3d4" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ attendeeId: a.id, platform: "ios", token: "a1b2c3d4" });
    expect(added.headers.get("Location")).toBe(`/api/attendees/${a.id}/devices/${added.body.id}`);
    expectProblem(
      await api("POST", `/api/attendees/${a.id}/devices`, {
        token: a.token,
        body: { platform: "windows", token: "x" },
      }),
      422,
      "validation_failed",
    );
    const removed = await api("DELETE", `/api/attendees/${a.id}/devices/${added.body.id}`, {
      token: a.token,
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ message: "Device removed" });
    expectProblem(
      await api("DELETE", `/api/attendees/${a.id}/devices/${added.body.id}`, { token: a.token }),
      404,
      "not_found",
    );
  });

  it("refuses a phone another attendee registered with 409, and leaves it theirs", async () => {
    const [a, b] = [await registerAttendee(), await registerAttendee()];
    const token = `shared-phone-${a.id}`;
    const add = (who: { id: string; token: string }) =>
      api("POST", `/api/attendees/${who.id}/devices`, {
        token: who.token,
        body: { platform: "android", token },
      });
    const first = await add(a);
    expect(first.status).toBe(201);

    const taken = await add(b);
    expectProblem(taken, 409, "attendee_exists");
    expect(JSON.stringify(taken.body)).not.toContain(a.id);
    const owners = await env.DB.prepare("SELECT id, attendee_id FROM devices WHERE token = ?")
      .bind(token)
      .all();
    expect(owners.results).toEqual([{ id: first.body.id, attendee_id: a.id }]);

    // Its owner may register it again, and once they remove it, anyone may.
    expect((await add(a)).body.id).toBe(first.body.id);
    await api("DELETE", `/api/attendees/${a.id}/devices/${first.body.id}`, { token: a.token });
    expect((await add(b)).body.attendeeId).toBe(b.id);
  });
});

describe("GET /api/notifications/templates/{type}/preview", () => {
  it("renders a template with sample data in the asked language, for organizers", async () => {
    const org = await registerOrganizer();
    const fr = await api(
      "GET",
      "/api/notifications/templates/booking.confirmed/preview?locale=fr-CA",
      { token: org.token },
    );
    expect(fr.status).toBe(200);
    expect(Object.keys(fr.body).sort()).toEqual(["html", "subject", "text"]);
    expect(fr.body.text).toContain("John Doe");
    expect(fr.body.html).toContain("Symfony Conference");
    const en = await api("GET", "/api/notifications/templates/booking.confirmed/preview", {
      token: org.token,
    });
    expect(en.body.subject).not.toBe(fr.body.subject);
    expectProblem(
      await api("GET", "/api/notifications/templates/nope/preview", { token: org.token }),
      404,
      "not_found",
    );
    const a = await registerAttendee();
    expectProblem(
      await api("GET", "/api/notifications/templates/booking.confirmed/preview", {
        token: a.token,
      }),
      403,
      "forbidden",
    );
  });

  it("renders every type in every language, a refund with its amount", async () => {
    const org = await registerOrganizer();
    for (const type of NOTIFICATION_TYPES) {
      for (const locale of LANGUAGES) {
        const res = await api(
          "GET",
          `/api/notifications/templates/${type}/preview?locale=${locale}`,
          {
            token: org.token,
          },
        );
        expect(res.status, `${type} ${locale}`).toBe(200);
        expect(res.body.subject).toContain("Symfony Conference");
        expect(res.body.text).not.toMatch(/\{\{|\}\}/);
      }
    }
    const refund = await api(
      "GET",
      "/api/notifications/templates/booking.refunded/preview?locale=fr",
      {
        token: org.token,
      },
    );
    expect(refund.body.subject).toBe("Remboursement de 100,00 € pour Symfony Conference");
  });
});

describe("GET /api/notifications", () => {
  it("is for attendees, paginated", async () => {
    const a = await registerAttendee();
    const res = await api("GET", "/api/notifications?limit=5", { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [], pagination: { limit: 5, offset: 0, total: 0 } });
    const org = await registerOrganizer();
    expectProblem(await api("GET", "/api/notifications", { token: org.token }), 403, "forbidden");
    expectProblem(
      await api("GET", "/api/notifications?limit=0", { token: a.token }),
      422,
      "validation_failed",
    );
  });
});

/** `count` notifications of the attendee, each with one email delivery, in two statements. */
const storeNotifications = (attendeeId: string, count: number) =>
  env.DB.batch([
    env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
       INSERT INTO notifications (id, domain_event_id, attendee_id, type, title, body, event_id, created_at)
       SELECT ?1 || '-n' || i, ?1 || '-de' || i, ?1, 'booking.confirmed', 'Confirmed', 'See you',
              'some-event', '2030-01-01T00:00:00.000Z'
       FROM n`,
    ).bind(attendeeId, count),
    env.DB.prepare(
      `INSERT INTO notification_deliveries
         (id, notification_id, domain_event_id, channel, recipient, status, attempts, updated_at)
       SELECT id || '-email', id, domain_event_id, 'email', 'someone@example.com', 'sent', 1, created_at
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
