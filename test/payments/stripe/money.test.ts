import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type RefundStep, retryDelay } from "../../../src/contracts/workflow-steps";
import { runStep } from "../../../src/workflows/run";
import { anyone, as, bodyIn, bodyOf, expectProblem } from "../../client";
import { cancelBooking, deleteEvent, registerAttendee } from "../../helpers";
import { eventually } from "../../notifications/helpers";
import { ledgerStub } from "../../races/invariants";
import {
  bookingOf,
  bookPaid,
  lapse,
  paidEvent,
  paymentOf,
  refundedBooking,
  withLink,
} from "../helpers";
import { stripeEvent } from "../webhook-signing";
import {
  deliver,
  injectStripeFaults,
  payCheckout,
  refundsOf,
  sessionOf,
  stripeGet,
  stripeRequests,
} from "./stand-in";

/** A paid, confirmed booking of its own event, and the PaymentIntent that paid it. */
const paidBooking = async (overrides: Record<string, unknown> = {}) => {
  const { org, event } = await paidEvent({ capacity: 5, ...overrides });
  const buyer = await registerAttendee();
  const booking = await bookPaid(event.id, buyer);
  const { payment } = await withLink(booking.id, buyer.token);
  const session = await payCheckout(sessionOf(payment.checkoutUrl));
  await deliver(stripeEvent("checkout.session.completed", session));
  expect(await bookingOf(booking.id, buyer.token)).toMatchObject({ status: "confirmed" });
  return { org, event, buyer, booking, paymentIntent: session.payment_intent };
};

/** A queue that keeps what it is sent, for a test to run the next attempt itself. */
const capturingQueue = () => {
  const sent: { body: any; delaySeconds?: number }[] = [];
  const queue = {
    send: async (body: unknown, options?: { delaySeconds?: number }) => {
      sent.push({ body, delaySeconds: options?.delaySeconds });
    },
    sendBatch: async (messages: { body: unknown }[]) => {
      for (const m of messages) sent.push({ body: m.body });
    },
  };
  return { sent, env: { ...env, NOTIFY_QUEUE: queue as unknown as Queue } };
};

const refundStep = (
  paid: Awaited<ReturnType<typeof paidBooking>>,
  decidedAt = Date.now(),
): RefundStep => ({
  workflow: "refund",
  eventId: paid.event.id,
  bookingId: paid.booking.id,
  paymentIntentId: paid.paymentIntent,
  amount: 2500,
  currency: "EUR",
  attempt: 1,
  decidedAt,
});

describe("money that is never lost", () => {
  it("retries a failing refund with back-off, as new messages, until Stripe confirms it", async () => {
    const paid = await paidBooking();
    await injectStripeFaults(paid.booking.id, { failRate: 1 });
    const cancelled = bodyIn(await cancelBooking(paid.buyer.token, paid.booking.id), 200);
    expect(cancelled.booking.payment?.status).toBe("refund_pending");

    // Each failed attempt sends the next one, later; the booking stays refund_pending.
    const queue = capturingQueue();
    let step = refundStep(paid);
    for (let attempt = 1; attempt <= 6; attempt++) {
      await runStep(queue.env, step);
      const next = queue.sent.at(-1);
      expect(next).toMatchObject({
        body: { workflow: "refund", attempt: attempt + 1 },
        delaySeconds: retryDelay(attempt),
      });
      step = next?.body;
    }
    expect(await bookingOf(paid.booking.id, paid.buyer.token)).toMatchObject({
      payment: { status: "refund_pending" },
    });
    expect(await refundsOf(paid.paymentIntent)).toEqual([]);

    // Stripe recovers: the next attempt refunds, once, and the booking says so.
    await injectStripeFaults(paid.booking.id, { clear: true });
    await runStep(queue.env, step);
    expect(await refundedBooking(paid.booking.id, paid.buyer.token)).toMatchObject({
      status: "cancelled",
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await refundsOf(paid.paymentIntent)).toHaveLength(1);
  });

  it("gives a refund up only after three days, as refund_failed for the organizer to see", async () => {
    const paid = await paidBooking();
    await injectStripeFaults(paid.booking.id, { failRate: 1 });
    await cancelBooking(paid.buyer.token, paid.booking.id);
    const queue = capturingQueue();
    const day = 24 * 3600_000;
    // Two days and a half in: still retried.
    await runStep(queue.env, refundStep(paid, Date.now() - 2.5 * day));
    expect(queue.sent).toHaveLength(1);
    // Past three days: no next attempt, the organizer is shown the failure.
    await runStep(queue.env, refundStep(paid, Date.now() - 3 * day - 1));
    expect(queue.sent).toHaveLength(1);
    const listed = async (paymentStatus: "refund_failed" | "paid") =>
      bodyOf(
        await as(paid.org.token).api.events[":id"].bookings.$get({
          param: { id: paid.event.id },
          query: { paymentStatus },
        }),
        200,
      );
    const failed = await eventually(
      () => listed("refund_failed"),
      (page) => page.data.length === 1,
    );
    expect(failed.data[0]).toMatchObject({
      id: paid.booking.id,
      payment: { status: "refund_failed" },
    });
    expect((await listed("paid")).data).toEqual([]);
    await injectStripeFaults(paid.booking.id, { clear: true });
  });

  it("deletes a paid event without losing a refund, even one Stripe first refuses", async () => {
    const paid = await paidBooking();
    await injectStripeFaults(paid.event.id, { failNext: 1 });
    await deleteEvent(paid.org.token, paid.event.id);
    await expectProblem(
      await anyone.api.events[":id"].$get({ param: { id: paid.event.id } }),
      404,
      "event_not_found",
    );
    // The first attempt fails; the next, seconds later, refunds once.
    const refunds = await eventually(
      () => refundsOf(paid.paymentIntent),
      (data) => data.length > 0,
    );
    expect(refunds).toEqual([expect.objectContaining({ amount: 2500, status: "succeeded" })]);
    // Once its refund is confirmed and its outbox empty, the ledger forgets the event.
    const left = await eventually(
      () =>
        runInDurableObject(ledgerStub(paid.event.id), (_, state) =>
          state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM event").one(),
        ),
      (row) => row.n === 0,
    );
    expect(left.n).toBe(0);
    expect(await refundsOf(paid.paymentIntent)).toHaveLength(1);
  });

  it("opens a lost checkout again with the very same parameters, so Stripe replays it", async () => {
    const { event } = await paidEvent({ capacity: 2 });
    const buyer = await registerAttendee();
    // Stripe creates the session, but its answer is lost on the way back.
    await injectStripeFaults(event.id, { failNext: 1, loseAnswer: true });
    const booking = await bookPaid(event.id, buyer);
    expect(paymentOf(booking).checkoutUrl).toBeNull();
    // Later, in another second (and after the ledger's memory is gone), the alarm retries.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await runInDurableObject(ledgerStub(event.id), (instance) => {
      (
        instance as unknown as { checkouts: { opening: Map<string, unknown> } }
      ).checkouts.opening.clear();
    });
    await runDurableObjectAlarm(ledgerStub(event.id));
    const linked = await withLink(booking.id, buyer.token);
    const sent = await stripeRequests("/v1/checkout/sessions", booking.id);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((request) => request.body)).size).toBe(1);
    expect(linked.payment.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);
  });

  it("expires the session of a hold that ends unpaid, so it can no longer be paid", async () => {
    const { event } = await paidEvent({ capacity: 2 });
    const [lapsing, leaving] = [await registerAttendee(), await registerAttendee()];
    const held = await bookPaid(event.id, lapsing);
    const cancelled = await bookPaid(event.id, leaving);
    const heldSession = sessionOf((await withLink(held.id, lapsing.token)).payment.checkoutUrl);
    const cancelledSession = sessionOf(
      (await withLink(cancelled.id, leaving.token)).payment.checkoutUrl,
    );
    await lapse(event.id, held.id);
    await cancelBooking(leaving.token, cancelled.id);
    for (const id of [heldSession, cancelledSession]) {
      const session = await eventually(
        () => stripeGet(`/v1/checkout/sessions/${id}`),
        (s) => s.status === "expired",
      );
      expect(session.status).toBe("expired");
    }
    await expect(payCheckout(heldSession)).rejects.toThrow(/409/);
  });

  it("ends a day-long hold and its session together, inside Stripe's day", async () => {
    const { event } = await paidEvent({ capacity: 2, holdMinutes: 1440 });
    const buyer = await registerAttendee();
    const before = Date.now();
    const booking = await bookPaid(event.id, buyer);
    const linked = await withLink(booking.id, buyer.token);
    const session = await stripeGet(
      `/v1/checkout/sessions/${sessionOf(linked.payment.checkoutUrl)}`,
    );
    const holdEnd = Date.parse(linked.expiresAt ?? "");
    expect(session.expires_at * 1000).toBeGreaterThanOrEqual(holdEnd - 1000);
    expect(session.expires_at * 1000).toBeLessThan(before + 24 * 3600_000);
  });

  it("answers a booking at once while Stripe hangs, and attaches the link later", async () => {
    const { event } = await paidEvent({ capacity: 2 });
    const buyer = await registerAttendee();
    await injectStripeFaults(event.id, { hang: true });
    const started = Date.now();
    const booking = await bookPaid(event.id, buyer);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(booking).toMatchObject({ status: "pending", payment: { checkoutUrl: null } });
    await injectStripeFaults(event.id, { clear: true });
    // The hanging call times out; the alarm's retry opens the session.
    await eventually(
      async () => {
        await runDurableObjectAlarm(ledgerStub(event.id));
        return bookingOf(booking.id, buyer.token);
      },
      (b) => typeof b?.payment?.checkoutUrl === "string",
      20_000,
    );
    expect(paymentOf(await bookingOf(booking.id, buyer.token)).checkoutUrl).toMatch(/^https:/);
  });
});
