import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { settlementOf } from "../../src/payments/webhook";
import { stripeEvent } from "./webhook-signing";

const session = (fields: Record<string, unknown> = {}) => ({
  id: "cs_test_a1",
  object: "checkout.session",
  payment_status: "paid",
  client_reference_id: "bk-1",
  metadata: { bookingId: "bk-1", eventId: "ev-1", attendeeId: "at-1" },
  payment_intent: "pi_1",
  ...fields,
});

const settle = (type: string, fields?: Record<string, unknown>) =>
  settlementOf(stripeEvent(type, session(fields), "evt_1") as unknown as Stripe.Event);

describe("settlementOf", () => {
  it("reads a paid checkout as paid, with the booking, event, session and PaymentIntent", () => {
    expect(settle("checkout.session.completed")).toEqual({
      id: "evt_1",
      outcome: "paid",
      bookingId: "bk-1",
      eventId: "ev-1",
      sessionId: "cs_test_a1",
      paymentIntentId: "pi_1",
    });
    expect(
      settle("checkout.session.completed", { payment_status: "no_payment_required" }),
    ).toMatchObject({ outcome: "paid" });
  });

  it("waits for the async outcome when the checkout completed unpaid", () => {
    expect(settle("checkout.session.completed", { payment_status: "unpaid" })).toBeNull();
  });

  it.each([
    ["checkout.session.async_payment_succeeded", "paid"],
    ["checkout.session.async_payment_failed", "failed"],
    ["checkout.session.expired", "expired"],
  ])("reads %s as %s", (type, outcome) => {
    expect(settle(type, { payment_status: "unpaid" })).toMatchObject({
      outcome,
      bookingId: "bk-1",
    });
  });

  it.each([
    "payment_intent.succeeded",
    "charge.refunded",
    "checkout.session.created",
    "customer.created",
  ])("ignores %s", (type) => {
    expect(settle(type)).toBeNull();
  });

  it("falls back to the metadata's booking id without client_reference_id", () => {
    expect(settle("checkout.session.expired", { client_reference_id: null })).toMatchObject({
      bookingId: "bk-1",
    });
  });

  it("takes the PaymentIntent's id when Stripe expanded it, and null when there is none", () => {
    expect(
      settle("checkout.session.completed", {
        payment_intent: { id: "pi_9", object: "payment_intent" },
      }),
    ).toMatchObject({ paymentIntentId: "pi_9" });
    expect(settle("checkout.session.expired", { payment_intent: null })).toMatchObject({
      paymentIntentId: null,
    });
  });

  it("names no event when the metadata lacks it", () => {
    expect(settle("checkout.session.expired", { metadata: { bookingId: "bk-1" } })).toMatchObject({
      eventId: null,
    });
  });

  it("decides nothing for a session without a booking, or an object that is not a session", () => {
    expect(
      settle("checkout.session.completed", { client_reference_id: null, metadata: {} }),
    ).toBeNull();
    expect(settle("checkout.session.completed", { object: "payment_intent" })).toBeNull();
    const empty = { id: "evt_2", type: "checkout.session.completed", data: {} };
    expect(settlementOf(empty as unknown as Stripe.Event)).toBeNull();
  });
});
