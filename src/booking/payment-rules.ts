import type { BookingStatus } from "../db/schema";
import type { PaymentStatus } from "../schemas/bookings";
import { FREE, type LedgerEventRow, type LedgerPayment } from "./ledger-rows";

/**
 * A booking of a paid event owes price × seats at the price of the moment it was
 * placed; a held one waits for its checkout link before its attendee is told.
 */
export const paymentOfNewBooking = (
  event: Pick<LedgerEventRow, "price" | "currency">,
  seats: number,
  status: BookingStatus,
): LedgerPayment => {
  if (event.price === 0 || event.currency === null) return FREE;
  return {
    ...FREE,
    amount: event.price * seats,
    currency: event.currency,
    payment_status: "requires_payment",
    checkout_notice: status === "pending" ? "booking.pending" : null,
  };
};

/** A released booking's payment: what was paid is refunded, what was owed is no longer. */
export const paymentOnRelease = (status: PaymentStatus | null): PaymentStatus | null => {
  if (status === "paid") return "refunded";
  if (status === "requires_payment") return "failed";
  return status;
};
