import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { stripeProvider } from "../../../src/payments/stripe";
import { unique } from "../../helpers";
import { payCheckout, stripeGet, stripeRequests } from "./stand-in";

/** A booking paid through Checkout: its id and the PaymentIntent that paid it. */
const paidBooking = async () => {
  const bookingId = unique("bk");
  const session = await stripeProvider(env).createCheckout({
    bookingId,
    eventId: "event-9",
    eventTitle: "Laravel Live",
    attendeeId: "attendee-3",
    seats: 2,
    lines: [{ name: "General admission", unitAmount: 2500, quantity: 2 }],
    currency: "GBP",
    expiresAt: Date.now() + 40 * 60_000,
    baseUrl: "http://api.test",
    locale: "en",
  });
  const { payment_intent } = await payCheckout(session.id);
  return { bookingId, paymentIntentId: payment_intent, amount: 5000, currency: "GBP" };
};

const refundsOf = async (paymentIntentId: string) =>
  (await stripeGet(`/v1/refunds?payment_intent=${paymentIntentId}`)).data as any[];

describe("Stripe refunds", () => {
  it("refunds the whole payment, keyed by the booking", async () => {
    const paid = await paidBooking();
    const refund = await stripeProvider(env).refund(paid);
    expect(refund.id).toMatch(/^re_/);
    const [sent] = await stripeRequests("/v1/refunds", paid.bookingId);
    expect(sent?.headers["idempotency-key"]).toBe(`refund-${paid.bookingId}`);
    expect(sent?.headers.authorization).toBe(`Bearer ${env.STRIPE_SECRET_KEY}`);
    expect(Object.fromEntries(new URLSearchParams(sent?.body))).toEqual({
      payment_intent: paid.paymentIntentId,
      "metadata[bookingId]": paid.bookingId,
    });
    expect(await refundsOf(paid.paymentIntentId)).toEqual([
      expect.objectContaining({ id: refund.id, amount: 5000, status: "succeeded" }),
    ]);
  });

  it("refunds once however often it is asked, concurrently or later", async () => {
    const paid = await paidBooking();
    const provider = stripeProvider(env);
    const ids = await Promise.all([provider.refund(paid), provider.refund(paid)]);
    const later = await provider.refund(paid);
    expect(new Set([...ids, later].map((r) => r.id)).size).toBe(1);
    expect(await refundsOf(paid.paymentIntentId)).toHaveLength(1);
  });

  it("takes a payment refunded by another path as refunded, naming that refund", async () => {
    const paid = await paidBooking();
    const first = await stripeProvider(env).refund(paid);
    // Same PaymentIntent under another key: Stripe answers charge_already_refunded.
    const again = await stripeProvider(env).refund({
      ...paid,
      bookingId: `${paid.bookingId}-again`,
    });
    expect(again).toEqual(first);
    expect(await refundsOf(paid.paymentIntentId)).toHaveLength(1);
  });

  it("fails on a PaymentIntent Stripe does not know", async () => {
    const refund = stripeProvider(env).refund({
      bookingId: unique("bk"),
      paymentIntentId: "pi_unknown",
      amount: 100,
      currency: "EUR",
    });
    await expect(refund).rejects.toMatchObject({ code: "resource_missing", statusCode: 400 });
  });
});
