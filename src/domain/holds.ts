import type { BookingStatus } from "./enums";
import { type EventState, type Refusal, refuse } from "./rules";

export interface HeldBooking {
  status: BookingStatus;
  expiresAt: number | null;
}

/** A hold past its expiry is expired, whether or not the alarm has come yet. */
export const isOverdue = (booking: HeldBooking, now: number) =>
  booking.status === "pending" && booking.expiresAt !== null && booking.expiresAt <= now;

export type ConfirmDecision = { ok: true; changed: boolean } | Refusal;

/** Confirming is idempotent; only a live hold of a free event is confirmed by a request. */
export const decideConfirm = (
  booking: HeldBooking,
  event: Pick<EventState, "paid">,
  now: number,
): ConfirmDecision => {
  if (booking.status === "confirmed") return { ok: true, changed: false };
  if (booking.status === "expired" || isOverdue(booking, now)) {
    return refuse("hold_expired", "The hold on these seats has expired; book again.");
  }
  if (booking.status === "cancelled") {
    return refuse("already_cancelled", "This booking is cancelled.");
  }
  if (booking.status === "waitlisted") {
    return refuse("event_full", "This booking is waitlisted: it is confirmed once its seats free.");
  }
  if (event.paid) return refuse("payment_required", "Only the payment confirms this booking.");
  return { ok: true, changed: true };
};

export type CancelDecision = { ok: true } | Refusal;

/** Any active booking may be cancelled; its seats or its waitlist place are released. */
export const decideCancel = (booking: HeldBooking, now: number): CancelDecision => {
  if (booking.status === "cancelled") {
    return refuse("already_cancelled", "This booking is already cancelled.");
  }
  if (booking.status === "expired" || isOverdue(booking, now)) {
    return refuse("hold_expired", "The hold on these seats has already expired.");
  }
  return { ok: true };
};
