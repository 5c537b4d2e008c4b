import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { PaymentSettlement } from "../../src/payments/provider";
import { settlePayment } from "../../src/workflows/settle-payment";
import { as, type Booking, bodyIn, bodyOf } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { eventually } from "../notifications/helpers";
import { ledgerStub } from "../races/invariants";
import { lapseHold, order, outboxTypes } from "../races/seat-invariants";

/** A paid event of its own: €25.00 a seat unless told otherwise. */
export const paidEvent = async (overrides: Parameters<typeof createEvent>[1] = {}) => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token, { price: 2500, currency: "EUR", ...overrides });
  return { org, event };
};

let reports = 0;

/** A provider's report on a booking's checkout, as the webhook and the sandbox make them. */
export const report = (
  booking: { id: string; eventId: string },
  outcome: PaymentSettlement["outcome"],
  fields: Partial<PaymentSettlement> = {},
): PaymentSettlement => ({
  id: `evt_test_${++reports}_${Date.now().toString(36)}`,
  outcome,
  bookingId: booking.id,
  eventId: booking.eventId,
  sessionId: `cs_test_${booking.id}`,
  paymentIntentId: outcome === "paid" ? `pi_test_${booking.id}` : null,
  ...fields,
});

export const settle = (r: PaymentSettlement) => settlePayment(env, r);

export const bookingOf = async (id: string, token: string) =>
  bodyOf(await as(token).api.bookings[":id"].$get({ param: { id } }), 200);

/** Books and waits for the checkout link, which the provider gives after the seat decision. */
export const bookPaid = async (
  eventId: string,
  attendee: { id: string; token: string },
  seats = 1,
) => {
  return bodyIn(await order(eventId, attendee, { seats }), 201);
};

/** Moves a hold's expiry into the past and lets the alarm expire it, as time would. */
export const lapse = async (eventId: string, bookingId: string) => {
  await lapseHold(eventId, bookingId);
  await runDurableObjectAlarm(ledgerStub(eventId));
};

/** The types the ledger announced for a booking, in order. */
export const announced = outboxTypes;

/** A paid booking's payment, which it always has. */
export const paymentOf = (booking: Booking) => {
  if (!booking.payment) expect.fail(`booking ${booking.id} has no payment`);
  return booking.payment;
};

/** Waits until the booking's checkout link is there (opened after the decision). */
export const withLink = async (id: string, token: string) => {
  const booking = await eventually(
    () => bookingOf(id, token),
    (b) => typeof b?.payment?.checkoutUrl === "string",
  );
  const payment = paymentOf(booking);
  if (payment.checkoutUrl === null) expect.fail(`booking ${id} has no checkout link yet`);
  return { ...booking, payment: { ...payment, checkoutUrl: payment.checkoutUrl } };
};

/** Waits until the refund workflow has the provider's confirmation on the booking. */
export const refundedBooking = (id: string, token: string) =>
  eventually(
    () => bookingOf(id, token),
    (b) => b?.payment?.status === "refunded",
  );

/** Waits until the ledger announced `type` for the booking; answers every type announced. */
export const announcedBy = (eventId: string, bookingId: string, type: string) =>
  eventually(
    () => outboxTypes(eventId, bookingId),
    (types) => types.includes(type),
  );

export const attendees = (n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => registerAttendee(`Payer ${i + 1}`)));
