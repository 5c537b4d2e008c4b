import type { z } from "@hono/zod-openapi";
import type { BookingSchema, CancellationSchema, PaymentStatus } from "../schemas/bookings";

/** A booking as the API shows it, wherever it comes from: the ledger's answer or D1. */
export type Booking = z.infer<typeof BookingSchema>;
export type Cancellation = z.infer<typeof CancellationSchema>;

/** What both sources know of a booking: the ledger's row with its event, or D1's join. */
export type BookingFacts = Pick<
  Booking,
  | "id"
  | "eventId"
  | "attendeeId"
  | "seats"
  | "status"
  | "waitlistPosition"
  | "expiresAt"
  | "createdAt"
  | "updatedAt"
> & { eventTitle: string; attendeeName: string } & PaymentFacts;

/** A booking's payment as stored: every field null on a free booking. */
export interface PaymentFacts {
  amount: number | null;
  currency: string | null;
  paymentStatus: PaymentStatus | null;
  checkoutUrl: string | null;
}

/** The link is shown only while it can still be used: the hold is live and unpaid. */
const paymentOf = (facts: BookingFacts): Booking["payment"] => {
  const { amount, currency, paymentStatus: status } = facts;
  if (amount === null || currency === null || status === null) return null;
  const open = status === "requires_payment" && facts.status === "pending";
  return { status, amount, currency, checkoutUrl: open ? facts.checkoutUrl : null };
};

export const presentBooking = (facts: BookingFacts): Booking => ({
  id: facts.id,
  eventId: facts.eventId,
  attendeeId: facts.attendeeId,
  seats: facts.seats,
  status: facts.status,
  waitlistPosition: facts.waitlistPosition,
  expiresAt: facts.expiresAt,
  payment: paymentOf(facts),
  event: { id: facts.eventId, title: facts.eventTitle },
  attendee: { id: facts.attendeeId, name: facts.attendeeName },
  createdAt: facts.createdAt,
  updatedAt: facts.updatedAt,
});
