import { describe, expect, it } from "vitest";
import {
  type DisabledNotice,
  isAttemptMessage,
  isDisabledNotice,
} from "../../src/webhooks/messages";
import {
  JITTER,
  MAX_ATTEMPTS,
  MAX_QUEUE_DELAY_S,
  RETRY_DELAYS_MS,
} from "../../src/webhooks/schedule";
import { as, bodyOf } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { consume, domainEvent, sentToStandIn } from "../notifications/helpers";
import {
  attemptsIn,
  controlledClock,
  createWebhook,
  deliveryRows,
  receivedAt,
  receiverUrl,
  recordingQueue,
  runAttempt,
} from "./helpers";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
/** The contract's schedule, written out: the code's constant must agree with it. */
const DOCUMENTED = [
  5000,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
  24 * HOUR,
];

/**
 * The queue on a controlled clock: each message comes when its delay is over, in time
 * order; a change of the event is published every `every` ms until `until`.
 */
const simulate = async (eventId: string, start: number, every: number, until: number) => {
  const { clock, reading } = controlledClock(start);
  const pending: { at: number; body: unknown }[] = [];
  const notices: DisabledNotice[] = [];
  const attemptTimes = new Map<string, number[]>();
  let nextChange = start;
  while (true) {
    pending.sort((a, b) => a.at - b.at);
    const head = pending[0];
    if (nextChange <= until && (!head || nextChange <= head.at)) {
      clock.at = nextChange;
      const { queue, sent } = recordingQueue();
      await consume([domainEvent({ type: "booking.confirmed", eventId })], { NOTIFY_QUEUE: queue });
      // The change's first attempts, due on the controlled clock.
      for (const m of attemptsIn(sent))
        pending.push({ at: clock.at, body: { ...m, dueAt: clock.at } });
      nextChange += every;
      continue;
    }
    if (!head) break;
    pending.shift();
    clock.at = head.at;
    if (isDisabledNotice(head.body)) {
      notices.push(head.body);
      continue;
    }
    if (!isAttemptMessage(head.body)) throw new Error("unexpected message");
    const { deliveryId, attempt } = head.body;
    const sent = await runAttempt(head.body, reading);
    // A message sent back as it came waits out the rest of a chained delay: no attempt yet.
    const waited = attemptsIn(sent).some(
      (m) => m.deliveryId === deliveryId && m.attempt === attempt,
    );
    if (!waited) attemptTimes.set(deliveryId, [...(attemptTimes.get(deliveryId) ?? []), clock.at]);
    for (const s of sent) {
      expect(s.delaySeconds).toBeLessThanOrEqual(MAX_QUEUE_DELAY_S);
      pending.push({ at: clock.at + s.delaySeconds * 1000, body: s.body });
    }
  }
  return { notices, attemptTimes };
};

const FIVE_DAYS = 5 * 24 * HOUR;

describe("the retry schedule, on a controlled clock", () => {
  it("tries at about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and 24 h, then gives up", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const url = receiverUrl("fail");
    const endpoint = await createWebhook(org.token, { url, events: ["booking.confirmed"] });
    const start = Date.now();
    const { attemptTimes, notices } = await simulate(event.id, start, HOUR, start);
    expect(RETRY_DELAYS_MS).toEqual(DOCUMENTED);
    const [times] = [...attemptTimes.values()];
    expect(times).toHaveLength(MAX_ATTEMPTS);
    const gaps = (times ?? []).slice(1).map((t, i) => t - (times?.[i] ?? 0));
    gaps.forEach((gap, i) => {
      const planned = DOCUMENTED[i] ?? 0;
      expect(gap).toBeGreaterThanOrEqual(planned * (1 - JITTER) - 1000);
      expect(gap).toBeLessThanOrEqual(planned * (1 + JITTER) + 1000);
    });
    expect(await receivedAt(url)).toHaveLength(MAX_ATTEMPTS);
    expect(await deliveryRows(endpoint.id)).toMatchObject([
      { status: "failed", attempts: MAX_ATTEMPTS, last_status: 500, next_attempt_at: null },
    ]);
    // Two days of failures are not yet five: the endpoint stays on.
    expect(notices).toEqual([]);
  });

  it("turns an endpoint off after five days of failures and tells its organizer once, in the endpoint's language", async () => {
    const org = await registerOrganizer("Veranstaltungen GmbH");
    const event = await createEvent(org.token);
    const url = receiverUrl("fail");
    const endpoint = await createWebhook(org.token, {
      url,
      events: ["booking.confirmed"],
      language: "de",
    });
    const start = Date.now();
    const { notices } = await simulate(event.id, start, 6 * HOUR, start + 7 * 24 * HOUR);
    expect(notices).toHaveLength(1);
    const read = await bodyOf(
      await as(org.token).api.webhooks[":id"].$get({ param: { id: endpoint.id } }),
      200,
    );
    expect(read).toMatchObject({ enabled: false, disabledReason: "failing" });
    // Turned off once the first failure was five days old, and nothing sent since.
    const requests = await receivedAt(url);
    const last = Math.max(...requests.map((r) => Number(r.headers["webhook-timestamp"]) * 1000));
    // The header counts whole seconds.
    expect(last - start).toBeGreaterThanOrEqual(FIVE_DAYS - 1000);
    expect(last - start).toBeLessThan(FIVE_DAYS + 24 * HOUR);
    const rows = await deliveryRows(endpoint.id);
    expect(rows.filter((d) => d.status === "pending")).toEqual([]);

    const [notice] = notices;
    if (!notice) throw new Error("no notice");
    expect(notice).toMatchObject({ endpointId: endpoint.id, reason: "failing", url });
    const result = await consume([notice]);
    expect(result.retryMessages).toEqual([]);
    const emails = (await sentToStandIn("api.resend.com")).filter(
      (r) => r.headers["idempotency-key"] === notice.id,
    );
    expect(emails).toHaveLength(1);
    const sent = JSON.parse(emails[0]?.body ?? "{}");
    expect(sent.to).toEqual([`Veranstaltungen GmbH <${org.email}>`]);
    expect(sent.subject).toBe(`Webhook-Endpunkt deaktiviert: ${url}`);
    expect(sent.text).toContain("fünf Tagen");
  });
});
