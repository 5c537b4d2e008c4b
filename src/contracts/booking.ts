import { z } from "@hono/zod-openapi";
import type { BookingItem } from "../domain/catalog";
import type { PaymentStatus } from "../domain/enums";
import { BOOKING_STATUSES, PAYMENT_STATUSES } from "../domain/enums";
import { BookingItemSchema } from "./catalog";
import { DateTimeOutput } from "./fields";

const exampleId = "0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a";

export const BookingStatusSchema = z.enum(BOOKING_STATUSES).openapi({ example: "confirmed" });

export const PaymentSchema = z
  .object({
    status: z.enum(PAYMENT_STATUSES).openapi({
      example: "requires_payment",
      description:
        "`failed`: no payment was made before the checkout ended (declined, abandoned or lapsed). `refund_pending`: a refund is decided and retried until the provider confirms it (`refunded`); `refund_failed`: the provider still refused it after three days of retries.",
    }),
    amount: z.number().int().openapi({
      example: 5000,
      description: "The sum of the lines' amounts, in the currency's minor unit (cents for EUR)",
    }),
    currency: z.string().openapi({ example: "EUR" }),
    checkoutUrl: z.string().nullable().openapi({
      example: "https://checkout.stripe.com/c/pay/cs_test_a1b2c3",
      description: "Where the attendee pays, while the booking awaits its payment; otherwise null",
    }),
  })
  .openapi("Payment");

export const BookingSchema = z
  .object({
    id: z.string().openapi({ example: exampleId }),
    eventId: z.string(),
    attendeeId: z.string(),
    seats: z.number().int().openapi({ example: 2, description: "The lines' quantities together" }),
    items: z.array(BookingItemSchema).openapi({
      description: "One line per ticket type; payment.amount is the sum of their amounts",
    }),
    promoCode: z.string().nullable().openapi({ example: null }),
    status: BookingStatusSchema,
    waitlistPosition: z.number().int().nullable().openapi({ example: null }),
    expiresAt: DateTimeOutput.nullable().openapi({
      example: "2030-04-30T10:15:00.000Z",
      description: "While pending: when the hold lapses and its seats are freed",
    }),
    payment: PaymentSchema.nullable().openapi({
      description: "Null on a free event; a paid booking is confirmed only by its payment",
    }),
    event: z.object({
      id: z.string(),
      title: z.string().openapi({ example: "Symfony Conference" }),
    }),
    attendee: z.object({ id: z.string(), name: z.string().openapi({ example: "John Doe" }) }),
    createdAt: DateTimeOutput,
    updatedAt: DateTimeOutput,
    ticketsUrl: z.string().optional().openapi({
      example:
        "https://tickets.example.com/tickets/0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a?key=1q2w3e4.c2ln",
      description:
        "On a confirmed booking read by its attendee: the page with its tickets' QR codes, a signed link that expires 30 days after the event",
    }),
  })
  .openapi("Booking");

export const CancellationSchema = z
  .object({
    message: z.literal("Booking cancelled"),
    booking: BookingSchema,
    // A union, not .nullable(): the generator would emit allOf [Booking, null], which no null satisfies.
    promoted: z.union([BookingSchema, z.null()]).openapi({
      description:
        "The first waitlisted booking that took the freed seats, or null when nobody was waiting",
    }),
    promotions: z.array(BookingSchema).openapi({
      description: "Every booking the freed seats promoted, in waitlist order; empty when none",
    }),
  })
  .openapi("Cancellation");

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
> & {
  eventTitle: string;
  attendeeName: string;
  /** Null only on a row copied before bookings had lines. */
  items: BookingItem[] | null;
  promoCode: string | null;
} & PaymentFacts;

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
  items: facts.items ?? [],
  promoCode: facts.promoCode,
  status: facts.status,
  waitlistPosition: facts.waitlistPosition,
  expiresAt: facts.expiresAt,
  payment: paymentOf(facts),
  event: { id: facts.eventId, title: facts.eventTitle },
  attendee: { id: facts.attendeeId, name: facts.attendeeName },
  createdAt: facts.createdAt,
  updatedAt: facts.updatedAt,
});
