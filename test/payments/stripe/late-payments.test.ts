import { describe, expect, it } from "vitest";
import { deleteEvent, registerAttendee } from "../../helpers";
import { eventually } from "../../notifications/helpers";
import { bookingOf, bookPaid, lapse, paidEvent, refundedBooking, withLink } from "../helpers";
import { stripeEvent } from "../webhook-signing";
import { deliver, payCheckout, sessionOf, stripeGet } from "./stand-in";

const refundsOf = (paymentIntent: string) =>
  stripeGet(`/v1/refunds?payment_intent=${paymentIntent}`).then((r) => r.data as unknown[]);

/** Waits until Stripe has refunds for the payment, then a moment more for any extra one. */
const settledRefunds = async (paymentIntent: string) => {
  await eventually(
    () => refundsOf(paymentIntent),
    (data) => data.length > 0,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  return refundsOf(paymentIntent);
};

describe("payments Stripe reports late", () => {
  it("refunds once at Stripe a payment whose seat was sold meanwhile, however often it is reported", async () => {
    const { event } = await paidEvent({ capacity: 1 });
    const [late, next] = [await registerAttendee(), await registerAttendee()];
    const booking = await bookPaid(event.id, late);
    const { payment } = await withLink(booking.id, late.token);
    await lapse(event.id, booking.id);
    expect((await bookPaid(event.id, next)).status).toBe("pending");

    const session = await payCheckout(sessionOf(payment.checkoutUrl));
    const completed = stripeEvent("checkout.session.completed", session);
    await deliver(completed);
    await deliver(completed);
    await deliver(stripeEvent("checkout.session.completed", session));
    expect(await bookingOf(booking.id, late.token)).toMatchObject({
      status: "cancelled",
      payment: { status: "refund_pending" },
    });
    expect(await refundedBooking(booking.id, late.token)).toMatchObject({ status: "cancelled" });
    expect(await settledRefunds(session.payment_intent)).toEqual([
      expect.objectContaining({ amount: 2500, status: "succeeded" }),
    ]);
  });

  it("keeps a paid booking when the session's expiry arrives after its completion", async () => {
    const { event } = await paidEvent({ capacity: 2 });
    const buyer = await registerAttendee();
    const booking = await bookPaid(event.id, buyer);
    const { payment } = await withLink(booking.id, buyer.token);
    const session = await payCheckout(sessionOf(payment.checkoutUrl));
    await deliver(stripeEvent("checkout.session.completed", session));
    await deliver(stripeEvent("checkout.session.expired", session));
    expect(await bookingOf(booking.id, buyer.token)).toMatchObject({
      status: "confirmed",
      payment: { status: "paid" },
    });
    expect(await refundsOf(session.payment_intent)).toEqual([]);
  });

  it("refunds a payment for an event deleted while its attendee was paying", async () => {
    const { org, event } = await paidEvent({ capacity: 2 });
    const buyer = await registerAttendee();
    const booking = await bookPaid(event.id, buyer);
    const { payment } = await withLink(booking.id, buyer.token);
    // Paid on Stripe's page just before the deletion; its report arrives just after.
    const session = await payCheckout(sessionOf(payment.checkoutUrl));
    await deleteEvent(org.token, event.id);
    await deliver(stripeEvent("checkout.session.completed", session));
    expect(await settledRefunds(session.payment_intent)).toEqual([
      expect.objectContaining({ amount: 2500, status: "succeeded" }),
    ]);
  });

  it("refunds every paid booking of a deleted event through the queue", async () => {
    const { org, event } = await paidEvent({ capacity: 2 });
    const buyer = await registerAttendee();
    const booking = await bookPaid(event.id, buyer, 2);
    const { payment } = await withLink(booking.id, buyer.token);
    const session = await payCheckout(sessionOf(payment.checkoutUrl));
    await deliver(stripeEvent("checkout.session.completed", session));
    await deleteEvent(org.token, event.id);
    expect(await settledRefunds(session.payment_intent)).toEqual([
      expect.objectContaining({ amount: 5000, status: "succeeded" }),
    ]);
  });
});
