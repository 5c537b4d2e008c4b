import type { BookingStatus, PaymentStatus } from "./enums";
import { formatAmount, MAXIMUM_CHARGE, minimumCharge } from "./money";
import { DEFAULT_HOLD_MINUTES, MINUTE_MS, type Refusal, refuse } from "./rules";

/** Stripe Checkout sessions live at least 30 minutes, so a paid hold does too. */
export const PAID_HOLD_MINUTES = 30;

/** A hold's length when the organizer names none: longer on a paid event. */
export const holdMinutesOf = (holdMinutes: number | undefined, price: number) =>
  holdMinutes ?? (price > 0 ? PAID_HOLD_MINUTES : DEFAULT_HOLD_MINUTES);

/**
 * A price needs a currency, an amount the provider will charge in it, and a hold long
 * enough to pay in; judged on the values the event will have.
 */
export const paymentTermsError = (t: {
  price: number;
  currency: string | null;
  holdMinutes: number;
}): { path: "currency" | "price" | "holdMinutes"; message: string } | null => {
  if (t.price === 0) return null;
  if (t.currency === null) return { path: "currency", message: "A paid event needs a currency" };
  const least = minimumCharge(t.currency);
  if (t.price < least) {
    const amount = `${least} (${formatAmount(least, t.currency, "en")})`;
    return {
      path: "price",
      message: `A paid event's price in ${t.currency} is at least ${amount}`,
    };
  }
  if (t.holdMinutes < PAID_HOLD_MINUTES) {
    const message = `A paid event holds seats at least ${PAID_HOLD_MINUTES} minutes`;
    return { path: "holdMinutes", message };
  }
  return null;
};

/** A booking's total must be a charge the provider takes, or its seats could never be paid for. */
export const bookingTotalRefusal = (price: number, seats: number): Refusal | null => {
  const total = price * seats;
  if (total <= MAXIMUM_CHARGE) return null;
  const detail = `${seats} seats cost ${total}; a booking costs at most ${MAXIMUM_CHARGE}.`;
  return refuse("validation_failed", detail, "seats");
};

/**
 * Stripe wants a session's `expires_at` at least 30 minutes after the session is created.
 * The session is opened just after the hold is decided, and retried when the provider
 * fails: a short hold's session ends later than the hold, so a retry within 15 minutes
 * still sends the very parameters of the first attempt. The ledger expires the session
 * when the hold ends unpaid, so it cannot be paid in between.
 */
export const SESSION_MIN_MS = 45 * MINUTE_MS;

/** When the checkout of a hold decided at `decidedAt` and lapsing at `holdEnd` expires. */
export const checkoutExpiry = (holdEnd: number, decidedAt: number) =>
  Math.max(holdEnd, decidedAt + SESSION_MIN_MS);

/** A released booking's payment: what was paid is to be refunded, what was owed is no longer. */
export const paymentOnRelease = (status: PaymentStatus | null): PaymentStatus | null => {
  if (status === "paid") return "refund_pending";
  if (status === "requires_payment") return "failed";
  return status;
};

/** Once paid, a payment is settled: a second report of it decides nothing. */
const SETTLED: readonly (PaymentStatus | null)[] = [
  "paid",
  "refund_pending",
  "refunded",
  "refund_failed",
];

export type PaymentOutcome = "paid" | "failed" | "expired";

export type PaymentDecision =
  /** Already decided, or nothing left to decide: a duplicate or a late report. */
  | { kind: "none" }
  /** The payment takes the booking's seats: its live hold, or seats still free after it lapsed. */
  | { kind: "confirm" }
  /** Paid with no seat to give: refunded at once, the booking cancelled. */
  | { kind: "refund" }
  /** No payment will come: the hold is released to whoever waits. */
  | { kind: "release"; to: "cancelled" | "expired" };

/**
 * What a provider's report does to a booking of a paid event, in any order of arrival:
 * nobody is charged without a seat, and a seat is never sold twice. `seatsFree` says
 * whether a booking whose hold lapsed could take its seats again right now.
 */
export const decidePayment = (
  booking: { status: BookingStatus; payment_status: PaymentStatus | null },
  outcome: PaymentOutcome,
  seatsFree: boolean,
): PaymentDecision => {
  if (outcome === "paid") {
    if (SETTLED.includes(booking.payment_status)) return { kind: "none" };
    if (booking.status === "pending") return { kind: "confirm" };
    if (booking.status === "expired" && seatsFree) return { kind: "confirm" };
    return { kind: "refund" };
  }
  if (booking.status !== "pending" || booking.payment_status !== "requires_payment") {
    return { kind: "none" };
  }
  return { kind: "release", to: outcome === "failed" ? "cancelled" : "expired" };
};
