import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { createEvent, registerOrganizer } from "../helpers";
import { maxOf, measuredDrain } from "../notifications/fan-out-measure";
import { domainEvent } from "../notifications/helpers";
import { subrequests } from "../subrequests";
import { createWebhook, receiverUrl } from "./helpers";

export const ENDPOINTS = 10;

/**
 * `changes` bookings of one event changing at once, with ten endpoints listening: drains
 * the fan-out and every first attempt through the real queue handler, batches of 25 as
 * configured, and answers each invocation's peaks.
 */
export const measureWebhookFanOut = async (changes: number) => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token);
  const endpoints = [];
  for (let i = 0; i < ENDPOINTS; i++) {
    endpoints.push(await createWebhook(org.token, { url: receiverUrl("ok"), events: ["*"] }));
  }
  const messages = Array.from({ length: changes }, (_, i) =>
    domainEvent({ type: "booking.confirmed", eventId: event.id, bookingId: `bk-${i}` }),
  );
  const { invocations, retried } = await measuredDrain(messages);
  expect(retried).toEqual([]);
  const delivered = await env.DB.prepare(
    `SELECT count(*) AS n FROM webhook_deliveries
     WHERE endpoint_id IN (SELECT value FROM json_each(?)) AND status = 'delivered'`,
  )
    .bind(JSON.stringify(endpoints.map((e) => e.id)))
    .first<number>("n");
  expect(delivered).toBe(changes * ENDPOINTS);
  return {
    invocations: invocations.length,
    d1: maxOf(invocations, "d1"),
    queueSends: maxOf(invocations, "queueSends"),
    fetches: maxOf(invocations, "fetches"),
    subrequests: maxOf(invocations, subrequests),
  };
};

/** The peaks no invocation passes, whatever the number of changes. */
export const expectWebhookCeiling = (peak: Awaited<ReturnType<typeof measureWebhookFanOut>>) => {
  // Fan-out: one D1 batch; attempts: one read and one record.
  expect(peak.d1).toBeLessThanOrEqual(2);
  // 25 changes × 10 endpoints = 250 attempt messages: three sendBatch calls.
  expect(peak.queueSends).toBeLessThanOrEqual(3);
  // One POST per attempt message, 25 a batch.
  expect(peak.fetches).toBeLessThanOrEqual(25);
  expect(peak.subrequests).toBeLessThan(1_000);
};
