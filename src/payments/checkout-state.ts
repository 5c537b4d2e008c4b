import type { Checkout } from "../db/checkouts";

/** Where a paid booking stands, as its checkout and return pages tell the attendee. */
export type CheckoutState = "awaiting" | "paid" | "declined" | "expired" | "refunded" | "cancelled";

/** Only an unexpired pending booking that awaits its payment can still be paid. */
export const checkoutStateOf = (checkout: Checkout, now: number): CheckoutState => {
  if (checkout.paymentStatus === "refunded") return "refunded";
  if (checkout.status === "confirmed") return "paid";
  if (checkout.status === "expired") return "expired";
  if (checkout.status === "pending" && checkout.paymentStatus === "requires_payment") {
    // The ledger's alarm releases a lapsed hold a moment later; the page says so already.
    const lapsed = checkout.expiresAt !== null && Date.parse(checkout.expiresAt) <= now;
    return lapsed ? "expired" : "awaiting";
  }
  if (checkout.paymentStatus === "failed") return "declined";
  return "cancelled";
};

/** Whether a Pay or Decline may still reach the ledger, which decides on lateness itself. */
export const awaitsPayment = (checkout: Checkout): boolean =>
  checkout.status === "pending" && checkout.paymentStatus === "requires_payment";
