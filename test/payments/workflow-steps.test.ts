import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  REFUND_WINDOW_MS,
  RETRY_DELAYS_S,
  retryDelay,
  WorkflowStepSchema,
} from "../../src/contracts/workflow-steps";
import { publicOrigin } from "../../src/lib/links";
import { bodyBytes, MESSAGE_BYTES } from "../../src/lib/queue-batches";
import { DELIVERY_BUDGET } from "../../src/notifications/deliveries";
import { deliveryBudgetOf } from "../../src/queues";
import { DEPARTURE_STEP } from "../../src/workflows/depart-attendee";
import { STEP_SUBREQUESTS } from "../../src/workflows/run";
import { registerAttendee } from "../helpers";
import { collectingQueue, consume } from "../notifications/helpers";
import { paidEvent } from "./helpers";

/** When each attempt of a step that always fails is made, from its decision on. */
const attemptTimes = () => {
  const times = [0];
  for (let attempt = 1; (times.at(-1) as number) < REFUND_WINDOW_MS; attempt++) {
    times.push((times.at(-1) as number) + retryDelay(attempt) * 1000);
  }
  return times;
};

describe("the refund workflow's schedule", () => {
  it("keeps trying for at least three days, backing off", () => {
    const times = attemptTimes();
    expect(times.at(-1)).toBeGreaterThanOrEqual(3 * 24 * 3600_000);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    expect(gaps[0]).toBeLessThanOrEqual(10_000);
  });

  it("never asks the queue for a delay longer than its 12 hours", () => {
    for (let attempt = 1; attempt < 40; attempt++) {
      expect(retryDelay(attempt)).toBeLessThanOrEqual(12 * 3600);
    }
    expect(Math.max(...RETRY_DELAYS_S)).toBe(12 * 3600);
  });

  it("fits a step, even one carrying an older ledger's notice, in one queue message", () => {
    const step = WorkflowStepSchema.parse({
      workflow: "refund",
      eventId: "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e",
      bookingId: "0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a",
      paymentIntentId: "pi_3Q0abcdefghijklmnopqrstu",
      amount: 99_999_999,
      currency: "EUR",
      attempt: 17,
      decidedAt: Date.now(),
      notice: { id: "n", type: "booking.refunded", data: { event: { title: "x".repeat(200) } } },
    });
    expect(bodyBytes(step)).toBeLessThan(MESSAGE_BYTES / 50);
  });
});

describe("links", () => {
  it("start with PUBLIC_URL when it is set, else with the request's origin", () => {
    expect(publicOrigin({ PUBLIC_URL: "https://tickets.example.com/" }, "http://x.test/a")).toBe(
      "https://tickets.example.com",
    );
    expect(publicOrigin({ PUBLIC_URL: "" }, "http://localhost:8801/api/bookings")).toBe(
      "http://localhost:8801",
    );
  });

  it("point a checkout at the server the attendee reached", async () => {
    const { event } = await paidEvent({ capacity: 2 });
    const buyer = await registerAttendee();
    const res = await exports.default.fetch(
      new Request("http://localhost:8801/api/bookings", {
        method: "POST",
        headers: { Authorization: `Bearer ${buyer.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ eventId: event.id, attendeeId: buyer.id }),
      }),
    );
    expect(res.status).toBe(201);
    const booking = (await res.json()) as { payment: { checkoutUrl: string } };
    expect(booking.payment.checkoutUrl).toMatch(
      /^http:\/\/localhost:8801\/sandbox\/checkout\/cs_sandbox_[0-9a-f]{32}$/,
    );
  });
});

describe("the consumer's subrequest budget", () => {
  it("counts workflow and departure steps before deliveries, so a batch stays under 1,000", () => {
    const refund = { workflow: "refund", bookingId: "b" };
    const departure = { type: "attendee.departure", attendeeId: "a", after: "" };
    expect(deliveryBudgetOf([])).toBe(DELIVERY_BUDGET);
    expect(deliveryBudgetOf(Array(25).fill(refund))).toBe(DELIVERY_BUDGET - 25 * STEP_SUBREQUESTS);
    const departures = Array(25).fill(departure);
    expect(deliveryBudgetOf(departures)).toBe(DELIVERY_BUDGET - 25 * (DEPARTURE_STEP + 3));
    // The steps and the deliveries they leave room for add up to the budget, never more.
    expect(25 * (DEPARTURE_STEP + 3) + deliveryBudgetOf(departures)).toBe(DELIVERY_BUDGET);
    expect(DELIVERY_BUDGET).toBeLessThan(1_000);
  });
});

describe("a workflow step the queue gave up on", () => {
  it("goes back on the queue instead of into dead_letters", async () => {
    const step = {
      workflow: "refund",
      eventId: null,
      bookingId: `dlq-${crypto.randomUUID()}`,
      paymentIntentId: "pi_dlq",
      amount: null,
      currency: null,
      attempt: 4,
      decidedAt: Date.now(),
    };
    const queue = collectingQueue();
    await consume([step], { NOTIFY_QUEUE: queue.queue }, { queue: "booking-events-dlq" });
    expect(queue.sent).toEqual([step]);
    const recorded = await env.DB.prepare(
      "SELECT count(*) AS n FROM dead_letters WHERE instr(body, ?) > 0",
    )
      .bind(step.bookingId)
      .first<{ n: number }>();
    expect(recorded?.n).toBe(0);
  });
});
