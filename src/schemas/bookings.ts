import { z } from "@hono/zod-openapi";
import { BOOKING_STATUSES, PAYMENT_STATUSES } from "../db/schema";
import { DateTimeOutput, PaginationQuery, paginated } from "./common";

const exampleId = "0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a";
/** The most any event lets one booking take; each event may allow fewer. */
const MAX_SEATS = 100;

export const BookingStatusSchema = z.enum(BOOKING_STATUSES).openapi({ example: "confirmed" });

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PaymentSchema = z
  .object({
    status: z.enum(PAYMENT_STATUSES).openapi({
      example: "requires_payment",
      description:
        "`failed`: no payment was made before the checkout ended (declined, abandoned or lapsed). `refund_pending`: a refund is decided and retried until the provider confirms it (`refunded`); `refund_failed`: the provider still refused it after three days of retries.",
    }),
    amount: z.number().int().openapi({
      example: 5000,
      description: "price × seats, in the currency's minor unit (cents for EUR)",
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
    seats: z.number().int().openapi({ example: 2 }),
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
  })
  .openapi("Booking");

export const CreateBookingBody = z
  .object({
    eventId: z.string().min(1).max(64).openapi({ example: "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e" }),
    attendeeId: z
      .string()
      .min(1)
      .max(64)
      .openapi({ example: "0192f1c5-1b2c-7d3e-8f40-5a6b7c8d9e0f" }),
    // Optional rather than defaulted here, so the document does not list them as required.
    seats: z.number().int().min(1).max(MAX_SEATS).optional().openapi({
      example: 2,
      description: "1 (the default) to the event's maxSeatsPerBooking; all of them or none",
    }),
    hold: z.boolean().optional().openapi({
      example: false,
      description:
        "Hold the seats until expiresAt instead of confirming them at once (default false)",
    }),
  })
  .openapi("CreateBooking");

export const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, "Use 1 to 255 visible ASCII characters")
    .optional()
    .openapi({
      description: "Retries with the same key and body within 24 h get the first answer again.",
      example: "5f0c8c2e-booking-attempt-1",
    }),
});

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

const statusQuery = BookingStatusSchema.optional().openapi({
  param: { name: "status", in: "query" },
});

export const BookingListQuery = z.object({
  ...PaginationQuery,
  status: statusQuery,
  eventId: z
    .string()
    .max(64)
    .optional()
    .openapi({ param: { name: "eventId", in: "query" } }),
});

/** The event's bookings; `paymentStatus=refund_failed` finds the refunds the provider kept refusing. */
export const ScopedBookingListQuery = z.object({
  ...PaginationQuery,
  status: statusQuery,
  paymentStatus: z
    .enum(PAYMENT_STATUSES)
    .optional()
    .openapi({ param: { name: "paymentStatus", in: "query" }, example: "refund_failed" }),
});

export const BookingListSchema = paginated(BookingSchema, "BookingList");
