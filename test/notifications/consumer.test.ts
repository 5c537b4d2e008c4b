import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { consume, deliveriesOf, domainEvent, drain, emailsFor, sentToStandIn } from "./helpers";

const bookedAttendee = async () => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token, { title: "Symfony Conference" });
  const attendee = await registerAttendee("Jean Dupont");
  const booking = await as(attendee.token).api.bookings.$post({
    header: {},
    json: { eventId: event.id, attendeeId: attendee.id },
  });
  return { org, event, attendee, booking: await bodyOf(booking, 201) };
};

const confirmed = (event: { id: string }, attendee: { id: string }, booking: { id: string }) =>
  domainEvent({
    type: "booking.confirmed",
    eventId: event.id,
    attendeeId: attendee.id,
    bookingId: booking.id,
  });

describe("the notification consumer", () => {
  it("enriches a booking event from D1 and delivers it on every channel the attendee allows", async () => {
    const { event, attendee, booking } = await bookedAttendee();
    const message = confirmed(event, attendee, booking);
    const result = await consume([message]);
    expect(result.explicitAcks).toEqual([expect.any(String)]);
    expect(result.retryMessages).toEqual([]);

    const logged = await deliveriesOf(message.id);
    expect(logged.map((d) => [d.channel, d.status])).toEqual([
      ["email", "sent"],
      ["push", "skipped"],
      ["websocket", "skipped"],
    ]);
    expect(logged.find((d) => d.channel === "push")?.error).toBe("no registered device");
    const mails = (await sentToStandIn("api.resend.com")).filter((r) =>
      r.body.includes(attendee.email),
    );
    expect(mails).toHaveLength(1);
    const mail = JSON.parse(mails[0]?.body ?? "{}");
    expect(mail.subject).toContain("Symfony Conference");
    expect(mail.html).toContain("Jean Dupont");

    const listed = await as(attendee.token).api.notifications.$get({ query: {} });
    const mine = (await bodyOf(listed, 200)).data.find(
      (n) => n.bookingId === booking.id && n.type === "booking.confirmed",
    );
    expect(mine).toMatchObject({
      eventId: event.id,
      title: expect.stringContaining("Symfony Conference"),
    });
    expect(mine?.deliveries).toHaveLength(3);
  });

  it("never notifies twice when the queue redelivers a message", async () => {
    const { event, attendee, booking } = await bookedAttendee();
    const message = confirmed(event, attendee, booking);
    await consume([message]);
    await consume([message], {}, { attempts: 2 });
    const mails = await emailsFor(message.id);
    expect(mails).toHaveLength(1);
    const logged = await deliveriesOf(message.id);
    expect(logged.every((d) => d.attempts === 1)).toBe(true);
    const notifications = await env.DB.prepare(
      "SELECT count(*) AS n FROM notifications WHERE domain_event_id = ?",
    )
      .bind(message.id)
      .first<{ n: number }>();
    expect(notifications?.n).toBe(1);
  });

  it("never notifies twice when two invocations race on the same message", async () => {
    const { event, attendee, booking } = await bookedAttendee();
    const message = confirmed(event, attendee, booking);
    await Promise.all([consume([message]), consume([message]), consume([message])]);
    const mails = await emailsFor(message.id);
    expect(mails).toHaveLength(1);
    expect((await deliveriesOf(message.id)).map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ["email", "sent", 1],
      ["push", "skipped", 1],
      ["websocket", "skipped", 1],
    ]);
  });

  it("leaves a notification's deliveries to the invocation that made it until its lease is over", async () => {
    const { event, attendee, booking } = await bookedAttendee();
    const message = confirmed(event, attendee, booking);
    // The invocation that makes the notification sends, then dies before recording.
    const records = new WeakSet<D1PreparedStatement>();
    const dying = new Proxy(env.DB, {
      get: (target, key) => {
        if (key === "prepare")
          return (query: string) => {
            const statement = target.prepare(query);
            if (!query.includes("attempts = notification_deliveries.attempts + 1"))
              return statement;
            const bind = statement.bind.bind(statement);
            statement.bind = (...values: unknown[]) => {
              const bound = bind(...values);
              records.add(bound);
              return bound;
            };
            return statement;
          };
        if (key === "batch")
          return (statements: D1PreparedStatement[]) => {
            if (statements.some((s) => records.has(s))) throw new Error("the invocation died");
            return target.batch(statements);
          };
        return Reflect.get(target, key).bind(target);
      },
    });
    await consume([message], { DB: dying });
    expect(await emailsFor(message.id)).toHaveLength(1);
    expect(await deliveriesOf(message.id)).not.toContainEqual(
      expect.objectContaining({ channel: "email" }),
    );
    // Within the lease, a redelivery sends nothing: the email may still be on its way.
    await consume([message], {}, { attempts: 2 });
    expect(await emailsFor(message.id)).toHaveLength(1);
    // Once it is over, the next one sends again, under the same idempotency key, and records it.
    await env.DB.prepare("UPDATE notifications SET claimed_at = ? WHERE domain_event_id = ?")
      .bind(new Date(Date.now() - 61_000).toISOString(), message.id)
      .run();
    await consume([message], {}, { attempts: 3 });
    expect(await emailsFor(message.id)).toHaveLength(2);
    expect(await deliveriesOf(message.id)).toContainEqual(
      expect.objectContaining({ channel: "email", status: "sent", attempts: 1 }),
    );
    await consume([message], {}, { attempts: 4 });
    expect(await emailsFor(message.id)).toHaveLength(2);
  });

  it("settles a delivery that failed as skipped once its channel has nobody to reach", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { title: "Symfony Conference" });
    // The email stand-in fails for any "outage@" recipient.
    const email = `outage@${crypto.randomUUID()}.example.com`;
    const registered = await anyone.api.attendees.$post({ json: { name: "Jean Dupont", email } });
    const { attendee, token } = await bodyOf(registered, 201);
    const booked = await as(token).api.bookings.$post({
      header: {},
      json: { eventId: event.id, attendeeId: attendee.id },
    });
    const message = confirmed(event, attendee, await bodyOf(booked, 201));

    const first = await consume([message]);
    expect(first.retryMessages).toHaveLength(1);
    const failed = (await deliveriesOf(message.id)).find((d) => d.channel === "email");
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });

    const prefs = await as(token).api.attendees[":id"].preferences.$put({
      param: { id: attendee.id },
      json: { email: false, push: true, websocket: true },
    });
    expect(prefs.status).toBe(200);
    const retried = await consume([message], {}, { attempts: 2 });
    expect(retried.retryMessages).toHaveLength(0);
    const listed = await as(token).api.notifications.$get({ query: {} });
    const [notification] = (await bodyOf(listed, 200)).data;
    expect(notification?.deliveries.find((d) => d.channel === "email")).toEqual({
      channel: "email",
      status: "skipped",
      attempts: 2,
      error: "disabled by the attendee's preferences",
    });
  });

  it("routes by preference: a channel the attendee turned off is skipped", async () => {
    const { event, attendee, booking } = await bookedAttendee();
    const prefs = await as(attendee.token).api.attendees[":id"].preferences.$put({
      param: { id: attendee.id },
      json: { email: false, push: true, websocket: true, locale: "fr" },
    });
    expect(prefs.status).toBe(200);
    const message = confirmed(event, attendee, booking);
    await consume([message]);
    const email = (await deliveriesOf(message.id)).find((d) => d.channel === "email");
    expect(email).toMatchObject({
      status: "skipped",
      error: "disabled by the attendee's preferences",
    });
    const stored = await env.DB.prepare("SELECT title FROM notifications WHERE domain_event_id = ?")
      .bind(message.id)
      .first<{ title: string }>();
    // Rendered in the attendee's language.
    expect(stored?.title).not.toBe("");
    expect(stored?.title).toMatch(/confirm/i);
  });

  it("pushes to each registered device and removes one the provider reports unregistered", async () => {
    const { event, attendee, booking } = await bookedAttendee();
    const devices = as(attendee.token).api.attendees[":id"].devices;
    const live = await bodyOf(
      await devices.$post({
        param: { id: attendee.id },
        json: { platform: "android", token: `live-phone-${attendee.id}` },
      }),
      201,
    );
    const dead = await bodyOf(
      await devices.$post({
        param: { id: attendee.id },
        json: { platform: "android", token: `dead-phone-${attendee.id}` },
      }),
      201,
    );
    const message = confirmed(event, attendee, booking);
    await consume([message]);
    const push = (await deliveriesOf(message.id)).filter((d) => d.channel === "push");
    expect(push.map((d) => [d.recipient, d.status])).toEqual(
      [
        [`device:${live.id}`, "sent"],
        [`device:${dead.id}`, "failed"],
      ].sort(),
    );
    const left = await env.DB.prepare("SELECT id FROM devices WHERE attendee_id = ?")
      .bind(attendee.id)
      .all();
    expect(left.results.map((r) => r.id)).toEqual([live.id]);
    const sent = (await sentToStandIn("fcm.googleapis.com")).filter((r) =>
      r.body.includes(`live-phone-${attendee.id}`),
    );
    expect(JSON.parse(sent[0]?.body ?? "{}").message.notification.title).toContain(
      "Symfony Conference",
    );
  });

  it("fills the time zone from the profile service when one is configured", async () => {
    const { event, attendee, booking } = await bookedAttendee();
    const message = confirmed(event, attendee, booking);
    const result = await consume([message], { ENRICHMENT_URL: "https://profiles.test" });
    expect(result.retryMessages).toEqual([]);
    const asked = await sentToStandIn("profiles.test");
    expect(asked.some((r) => r.url.endsWith(`/attendees/${attendee.id}`))).toBe(true);
    const [mail] = await emailsFor(message.id);
    // 10:00 UTC on 1 May is noon in Paris.
    expect(mail?.body).toContain("12:00");
    expect(mail?.body).not.toContain("10:00");
  });

  it("keeps the time in UTC when the profile service names a zone no calendar knows", async () => {
    const { event, attendee, booking } = await bookedAttendee();
    const message = confirmed(event, attendee, booking);
    const result = await consume([message], { ENRICHMENT_URL: "https://profiles-odd.test" });
    expect(result.retryMessages).toEqual([]);
    const [mail] = await emailsFor(message.id);
    expect(mail?.body).toContain("10:00");
    expect(mail?.body).not.toContain("12:00");
  });

  it("retries the message when enrichment fails, and records it once the retries are spent", async () => {
    const { event, attendee, booking } = await bookedAttendee();
    const message = confirmed(event, attendee, booking);
    const down = { ENRICHMENT_URL: "https://profiles-down.test" };
    const first = await consume([message], down);
    expect(first.retryMessages).toHaveLength(1);
    expect(await deliveriesOf(message.id)).toEqual([]);

    const last = await consume([message], down, { attempts: 6 });
    expect(last.retryMessages).toHaveLength(1);
    const dead = await env.DB.prepare("SELECT type, attempts, error FROM dead_letters WHERE id = ?")
      .bind(message.id)
      .first<{ type: string; attempts: number; error: string }>();
    expect(dead).toMatchObject({ type: "booking.confirmed", attempts: 6 });
    expect(dead?.error).toContain("503");
  });

  it("records what reaches the dead-letter queue, and drops malformed messages", async () => {
    const lost = domainEvent({ type: "event.cancelled", eventId: "gone" });
    const dlq = await consume([lost], {}, { queue: "booking-events-dlq", attempts: 6 });
    expect(dlq.explicitAcks).toHaveLength(1);
    const row = await env.DB.prepare("SELECT type FROM dead_letters WHERE id = ?")
      .bind(lost.id)
      .first();
    expect(row).toEqual({ type: "event.cancelled" });

    const malformed = await consume([{ hello: "world" }]);
    expect(malformed.explicitAcks).toHaveLength(1);
    expect(malformed.retryMessages).toEqual([]);
  });

  it("notifies every active attendee of an event-wide change", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 1, waitlistEnabled: true });
    const people = [
      await registerAttendee("A"),
      await registerAttendee("B"),
      await registerAttendee("C"),
    ];
    for (const p of people) {
      await as(p.token).api.bookings.$post({
        header: {},
        json: { eventId: event.id, attendeeId: p.id },
      });
    }
    const message = domainEvent({ type: "event.cancelled", eventId: event.id });
    await drain([message]);
    const notified = await env.DB.prepare(
      "SELECT attendee_id FROM notifications WHERE domain_event_id = ?",
    )
      .bind(message.id)
      .all<{ attendee_id: string }>();
    expect(notified.results.map((r) => r.attendee_id).sort()).toEqual(
      people.map((p) => p.id).sort(),
    );
  });
});
