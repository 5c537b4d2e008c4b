import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fetchWithin } from "../../src/lib/deadline";
import { booked } from "../bookings/helpers";
import { as, bodyOf } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { consume, domainEvent, eventually } from "../notifications/helpers";
import { confirmedBooking, scan, ticketsOf } from "../tickets/helpers";
import {
  attemptsIn,
  controlledClock,
  createWebhook,
  deliveryRows,
  receivedAt,
  receiverUrl,
  recordingQueue,
  runAttempt,
  verified,
} from "./helpers";

/** An organizer, one of their events, and an endpoint of theirs at `url` listening for `events`. */
const organizerWithEndpoint = async (url: string, events: ["*"] | string[] = ["*"]) => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token);
  const endpoint = await createWebhook(org.token, { url, events: events as ["*"] });
  return { org, event, endpoint };
};

/** Fans a synthetic change of the event out through the real queue handler; answers its first attempts. */
const fanOut = async (
  eventId: string,
  type: "booking.confirmed" | "event.updated" = "booking.confirmed",
) => {
  const change = domainEvent({ type, eventId });
  const { queue, sent } = recordingQueue();
  const result = await consume([change], { NOTIFY_QUEUE: queue });
  expect(result.retryMessages).toEqual([]);
  return { change, attempts: attemptsIn(sent) };
};

describe("webhook deliveries", () => {
  it("delivers a booking to its organizer's endpoint, signed, with the booking as the API shows it", async () => {
    const url = receiverUrl("ok");
    const { event, endpoint } = await organizerWithEndpoint(url, ["booking.confirmed"]);
    const attendee = await registerAttendee("Ada Lovelace");
    const booking = await booked(event.id, attendee);
    const requests = await eventually(
      () => receivedAt(url),
      (rs) => rs.some((r) => JSON.parse(r.body).type === "booking.confirmed"),
    );
    const request = requests.find((r) => JSON.parse(r.body).type === "booking.confirmed");
    if (!request) throw new Error("no booking.confirmed arrived");
    const payload = verified(endpoint.secret, request);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.data).toMatchObject({
      eventId: event.id,
      bookingId: booking.id,
      booking: {
        id: booking.id,
        status: "confirmed",
        seats: 1,
        items: booking.items,
        payment: null,
        attendee: { id: attendee.id, name: "Ada Lovelace" },
      },
      event: { title: event.title },
    });
    expect(payload.data.booking).not.toHaveProperty("ticketsUrl");
    expect(payload.data).not.toHaveProperty("ticketsUrl");
    const rows = await eventually(
      () => deliveryRows(endpoint.id),
      (all) => all.some((d) => d.status === "delivered"),
    );
    expect(rows).toMatchObject([{ status: "delivered", attempts: 1, last_status: 204 }]);
  });

  it("tells the organizer's endpoint of each ticket the door checks in", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(1);
    const url = receiverUrl("ok");
    const endpoint = await createWebhook(organizer.token, { url, events: ["ticket.checked_in"] });
    const [ticket] = await ticketsOf(booking.id, attendee.token);
    if (!ticket) throw new Error("no ticket");
    const scanId = crypto.randomUUID();
    const answer = await scan(event.id, organizer.token, { qr: ticket.qr, scanId });
    expect(answer.result).toBe("ok");
    const [request] = await eventually(
      () => receivedAt(url),
      (rs) => rs.length > 0,
    );
    if (!request) throw new Error("no check-in arrived");
    const payload = verified(endpoint.secret, request);
    expect(payload).toMatchObject({
      type: "ticket.checked_in",
      data: {
        eventId: event.id,
        bookingId: booking.id,
        ticket: {
          id: ticket.id,
          bookingId: booking.id,
          scanId,
          checkedInAt: answer.checkedInAt,
        },
      },
    });
  });

  it("never sends one organizer's changes to another organizer's endpoint", async () => {
    const mine = await organizerWithEndpoint(receiverUrl("ok"));
    const theirs = await organizerWithEndpoint(receiverUrl("ok"));
    const attendee = await registerAttendee();
    await booked(mine.event.id, attendee);
    await eventually(
      () => receivedAt(mine.endpoint.url),
      (rs) => rs.some((r) => JSON.parse(r.body).type === "booking.confirmed"),
    );
    const seen = await receivedAt(theirs.endpoint.url);
    expect(seen.map((r) => JSON.parse(r.body).data.eventId)).not.toContain(mine.event.id);
    const page = await bodyOf(
      await as(theirs.org.token).api.webhooks[":id"].deliveries.$get({
        param: { id: theirs.endpoint.id },
        query: {},
      }),
      200,
    );
    expect(page.data.filter((d) => d.type.startsWith("booking."))).toEqual([]);
  });

  it("retries a receiver that answers 500 twice: three attempts, one webhook-id, each verified", async () => {
    const url = receiverUrl("flaky");
    const { event, endpoint } = await organizerWithEndpoint(url, ["booking.confirmed"]);
    const { change, attempts } = await fanOut(event.id);
    expect(attempts).toHaveLength(1);
    const { clock, reading } = controlledClock(Date.now());
    let next = attempts[0];
    for (let i = 0; i < 3 && next; i++) {
      clock.at = Math.max(clock.at, next.dueAt);
      [next] = attemptsIn(await runAttempt(next, reading));
    }
    expect(next).toBeUndefined();
    const requests = await receivedAt(url);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([change.id]));
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    for (const request of requests)
      expect(verified(endpoint.secret, request).type).toBe("booking.confirmed");
    const [row] = await deliveryRows(endpoint.id);
    expect(row).toMatchObject({
      status: "delivered",
      attempts: 3,
      last_status: 200,
      next_attempt_at: null,
    });
  });

  it("records a delivery once however often its queue message comes", async () => {
    const url = receiverUrl("ok");
    const { event, endpoint } = await organizerWithEndpoint(url, ["booking.confirmed"]);
    const { change } = await fanOut(event.id);
    // The same change again (a redelivered message), then its attempt twice.
    const { queue, sent } = recordingQueue();
    await consume([change], { NOTIFY_QUEUE: queue });
    const [first] = attemptsIn(sent);
    if (!first) throw new Error("a repeated change re-sends its untried delivery");
    const { reading } = controlledClock(Date.now());
    await runAttempt(first, reading);
    await runAttempt(first, reading);
    expect(await receivedAt(url)).toHaveLength(1);
    expect(await deliveryRows(endpoint.id)).toMatchObject([{ status: "delivered", attempts: 1 }]);
  });

  it("turns an endpoint off at once when it answers 410 Gone, and tells its organizer", async () => {
    const url = receiverUrl("gone");
    const { event, endpoint, org } = await organizerWithEndpoint(url);
    const { attempts } = await fanOut(event.id);
    const [first] = attempts;
    if (!first) throw new Error("no attempt");
    const sent = await runAttempt(first, controlledClock(Date.now()).reading);
    expect(attemptsIn(sent)).toEqual([]);
    const notices = sent.map((s) => s.body as { kind: string; reason?: string });
    expect(notices).toMatchObject([{ kind: "webhook.disabled", reason: "gone" }]);
    const read = await bodyOf(
      await as(org.token).api.webhooks[":id"].$get({ param: { id: endpoint.id } }),
      200,
    );
    expect(read).toMatchObject({ enabled: false, disabledReason: "gone" });
    expect(await deliveryRows(endpoint.id)).toMatchObject([
      { status: "failed", attempts: 1, last_status: 410, next_attempt_at: null },
    ]);
    // Off means off: the next change makes no delivery.
    const again = await fanOut(event.id);
    expect(again.attempts).toEqual([]);
  });

  it.each([
    ["busy", 429],
    ["unavailable", 503],
  ] as const)(
    "honors Retry-After on %s (%i) instead of the schedule's 5 seconds",
    async (kind, status) => {
      const { event, endpoint, org } = await organizerWithEndpoint(receiverUrl(kind));
      const [first] = (await fanOut(event.id)).attempts;
      if (!first) throw new Error("no attempt");
      const { reading } = controlledClock(first.dueAt);
      const [next] = attemptsIn(await runAttempt(first, reading));
      expect(next?.dueAt).toBe(first.dueAt + 3_600_000);
      // The log, as its organizer reads it.
      const log = await bodyOf(
        await as(org.token).api.webhooks[":id"].deliveries.$get({
          param: { id: endpoint.id },
          query: { status: "pending" },
        }),
        200,
      );
      expect(log.data).toMatchObject([
        {
          type: "booking.confirmed",
          status: "pending",
          attempts: 1,
          lastStatus: status,
          lastError: `HTTP ${status}`,
          nextAttemptAt: new Date(first.dueAt + 3_600_000).toISOString(),
        },
      ]);
      expect(log.pagination.total).toBe(1);
    },
  );

  it("never follows a redirect", async () => {
    const { event, endpoint } = await organizerWithEndpoint(receiverUrl("moved"));
    const [first] = (await fanOut(event.id)).attempts;
    if (!first) throw new Error("no attempt");
    await runAttempt(first, controlledClock(first.dueAt).reading);
    const [row] = await deliveryRows(endpoint.id);
    expect(row).toMatchObject({ status: "pending", last_status: 302 });
    expect(row?.last_error).toContain("redirect");
    expect(await receivedAt("https://hooks.test/ok/moved")).toEqual([]);
  });

  it("signs with both secrets for a day after a rotation, then with the new one only", async () => {
    const url = receiverUrl("ok");
    const { event, endpoint, org } = await organizerWithEndpoint(url, ["booking.confirmed"]);
    const { secret } = await bodyOf(
      await as(org.token).api.webhooks[":id"]["rotate-secret"].$post({
        param: { id: endpoint.id },
      }),
      200,
    );
    const [first] = (await fanOut(event.id)).attempts;
    const [later] = (await fanOut(event.id)).attempts;
    if (!first || !later) throw new Error("no attempt");
    await runAttempt(first, controlledClock(Date.now()).reading);
    await runAttempt(later, controlledClock(Date.now() + 25 * 60 * 60 * 1000).reading);
    const [now, nextDay] = await receivedAt(url);
    if (!now || !nextDay) throw new Error("two deliveries expected");
    expect(now.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(verified(secret, now).type).toBe("booking.confirmed");
    expect(verified(endpoint.secret, now).type).toBe("booking.confirmed");
    expect(nextDay.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
    expect(verified(secret, nextDay).type).toBe("booking.confirmed");
    expect(() => verified(endpoint.secret, nextDay)).toThrow();
  });

  it("sends a test event on request, and sends a delivery again when asked", async () => {
    const url = receiverUrl("ok");
    const { endpoint, org } = await organizerWithEndpoint(url, ["booking.confirmed"]);
    const api = as(org.token).api.webhooks[":id"];
    const delivery = await bodyOf(await api.test.$post({ param: { id: endpoint.id } }), 202);
    expect(delivery).toMatchObject({ type: "webhook.test", status: "pending", attempts: 0 });
    const [request] = await eventually(
      () => receivedAt(url),
      (rs) => rs.length > 0,
    );
    if (!request) throw new Error("the test event did not arrive");
    expect(verified(endpoint.secret, request)).toMatchObject({
      type: "webhook.test",
      data: { webhookId: endpoint.id },
    });
    const log = await eventually(
      async () => bodyOf(await api.deliveries.$get({ param: { id: endpoint.id }, query: {} }), 200),
      (page) => page.data[0]?.status === "delivered",
    );
    expect(log.data).toMatchObject([
      {
        id: delivery.id,
        webhookId: request.headers["webhook-id"],
        status: "delivered",
        attempts: 1,
        lastStatus: 204,
      },
    ]);
    const again = await bodyOf(
      await api.deliveries[":deliveryId"].retry.$post({
        param: { id: endpoint.id, deliveryId: delivery.id },
      }),
      202,
    );
    expect(again).toMatchObject({ id: delivery.id, status: "pending" });
    const both = await eventually(
      () => receivedAt(url),
      (rs) => rs.length === 2,
    );
    expect(both.map((r) => r.headers["webhook-id"])).toEqual([
      request.headers["webhook-id"],
      request.headers["webhook-id"],
    ]);
    await eventually(
      () => deliveryRows(endpoint.id),
      (rows) => rows[0]?.attempts === 2,
    );
  });

  it("answers 404 for another endpoint's delivery", async () => {
    const { endpoint, org } = await organizerWithEndpoint(receiverUrl("ok"));
    const other = await createWebhook(org.token);
    const delivery = await bodyOf(
      await as(org.token).api.webhooks[":id"].test.$post({ param: { id: other.id } }),
      202,
    );
    const res = await as(org.token).api.webhooks[":id"].deliveries[":deliveryId"].retry.$post({
      param: { id: endpoint.id, deliveryId: delivery.id },
    });
    expect(res.status).toBe(404);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?")
        .bind(endpoint.id)
        .first("n"),
    ).toBe(0);
  });
});

describe("an attempt's deadline", () => {
  it("gives up on a receiver that does not answer in time", async () => {
    const url = receiverUrl("slow");
    await expect(fetchWithin(url, { method: "POST" }, 100)).rejects.toMatchObject({
      name: "TimeoutError",
    });
  });
});
