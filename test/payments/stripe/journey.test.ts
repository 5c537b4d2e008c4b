import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { raw } from "../../client";
import { cancelBooking, registerAttendee } from "../../helpers";
import { eventually } from "../../notifications/helpers";
import { bookingOf, bookPaid, paidEvent, withLink } from "../helpers";
import { signWebhook, stripeEvent } from "../webhook-signing";
import { payCheckout, stripeGet } from "./stand-in";

const deliver = async (event: object, secret = env.STRIPE_WEBHOOK_SECRET ?? "") => {
  const body = JSON.stringify(event);
  // Raw: the signature covers these exact bytes.
  return raw("POST", "/api/payments/stripe/webhook", {
    body,
    headers: { "Stripe-Signature": await signWebhook(body, secret) },
  });
};

/** A paid booking's hold, its Checkout Session opened at Stripe. */
const heldAtStripe = async () => {
  const { event } = await paidEvent({ capacity: 3 });
  const buyer = await registerAttendee();
  const booking = await bookPaid(event.id, buyer, 2);
  const { payment } = await withLink(booking.id, buyer.token);
  const sessionId = new URL(payment.checkoutUrl).pathname.split("/").pop() ?? "";
  return { event, buyer, booking, payment, sessionId };
};

describe("a paid booking through Stripe, end to end", () => {
  it("opens a Checkout Session for it, and a signed payment confirms it", async () => {
    const { event, buyer, booking, payment, sessionId } = await heldAtStripe();
    expect(payment.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    expect(await stripeGet(`/v1/checkout/sessions/${sessionId}`)).toMatchObject({
      client_reference_id: booking.id,
      metadata: { bookingId: booking.id, eventId: event.id, attendeeId: buyer.id },
      amount_total: 5000,
      currency: "eur",
    });

    const session = await payCheckout(sessionId);
    const completed = stripeEvent("checkout.session.completed", session);
    const forged = await deliver(completed, "whsec_someone_elses");
    expect(forged.status).toBe(400);
    expect(await bookingOf(booking.id, buyer.token)).toMatchObject({ status: "pending" });

    const res = await deliver(completed);
    expect(res).toMatchObject({ status: 200, body: { received: true } });
    expect(await bookingOf(booking.id, buyer.token)).toMatchObject({
      status: "confirmed",
      payment: { status: "paid", amount: 5000 },
    });
    // Stripe retries a delivery it is unsure of: the same event again changes nothing.
    expect((await deliver(completed)).status).toBe(200);
    expect(await bookingOf(booking.id, buyer.token)).toMatchObject({ status: "confirmed" });
  });

  it("refunds at Stripe, once, when the paid booking is cancelled", async () => {
    const { buyer, booking, sessionId } = await heldAtStripe();
    const session = await payCheckout(sessionId);
    await deliver(stripeEvent("checkout.session.completed", session));
    const cancel = await cancelBooking(buyer.token, booking.id);
    expect(cancel.status).toBe(200);
    const refunds = await eventually(
      async () => (await stripeGet(`/v1/refunds?payment_intent=${session.payment_intent}`)).data,
      (data: unknown[]) => data.length > 0,
    );
    expect(refunds).toEqual([expect.objectContaining({ amount: 5000, status: "succeeded" })]);
  });
});
