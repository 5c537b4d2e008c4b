import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { JSON_PARAM_BYTES } from "../../src/lib/json-params";
import { parameterGuard } from "../d1-parameters";
import { createEvent, registerOrganizer } from "../helpers";
import { consume, domainEvent } from "../notifications/helpers";
import { expectWebhookCeiling, measureWebhookFanOut } from "./fan-out-measure";
import { attemptsIn, createWebhook, deliveryRows, receiverUrl, recordingQueue } from "./helpers";

describe("webhook fan-out", () => {
  // 5,000 bookings: fan-out.scale.test.ts (npm run test:scale).
  it("spends the same subrequests per invocation for 50 and 300 bookings changing at once, ten endpoints listening", async () => {
    const small = await measureWebhookFanOut(50);
    const large = await measureWebhookFanOut(300);
    expectWebhookCeiling(small);
    expectWebhookCeiling(large);
    expect(large).toMatchObject({
      d1: small.d1,
      queueSends: small.queueSends,
      fetches: small.fetches,
    });
    expect(large.invocations).toBeGreaterThan(small.invocations);
  }, 120_000);
});

describe("webhook fan-out of large changes", () => {
  it("keeps every value it binds under D1's 2 MB, even for a batch of changes near the queue's limit", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const endpoint = await createWebhook(org.token, {
      url: receiverUrl("ok"),
      events: ["event.updated"],
    });
    // 25 changes of 100 KB each: 2.5 MB together, more than one JSON parameter may carry.
    const changes = Array.from({ length: 25 }, () =>
      domainEvent({
        type: "event.updated",
        eventId: event.id,
        data: { changes: { description: "x".repeat(100_000) } },
      }),
    );
    const guard = parameterGuard(env.DB);
    const { queue, sent } = recordingQueue();
    const result = await consume(changes, { DB: guard.db, NOTIFY_QUEUE: queue });
    expect(result.retryMessages).toEqual([]);
    // Several changes a group, each group under the limit the shared splitter keeps.
    expect(guard.bound.largest).toBeGreaterThan(0.8 * JSON_PARAM_BYTES);
    expect(guard.bound.largest).toBeLessThanOrEqual(JSON_PARAM_BYTES);
    expect(attemptsIn(sent)).toHaveLength(25);
    expect(await deliveryRows(endpoint.id)).toHaveLength(25);
  });
});
