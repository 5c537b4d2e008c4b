import { z } from "@hono/zod-openapi";
import { BookingSchema, BookingStatusSchema } from "../../contracts/booking";
import { PAYMENT_STATUSES } from "../../domain/enums";
import { PaginationQuery, paginated } from "./common";

/** The most any event lets one booking take; each event may allow fewer. */
const MAX_SEATS = 100;

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
    items: z
      .array(
        z.object({
          ticketTypeId: z.string().min(1).max(64),
          quantity: z.number().int().min(1).max(MAX_SEATS).openapi({ example: 2 }),
        }),
      )
      .min(1)
      .max(20)
      .optional()
      .openapi({
        description:
          "Instead of `seats`: 1 to 20 lines, each ticket type once, within its minPerBooking..maxPerBooking; all of them or none",
      }),
    promoCode: z.string().trim().min(1).max(40).optional().openapi({
      example: "EARLY-2030",
      description: "A code of the event: a discount, hidden types unlocked (any case)",
    }),
  })
  .superRefine((body, ctx) => {
    if (body.items && body.seats !== undefined) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "Send seats or items, not both" });
    }
    const types = body.items?.map((item) => item.ticketTypeId) ?? [];
    if (new Set(types).size !== types.length) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "Name each ticket type once" });
    }
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

export const BookingHeaders = IdempotencyHeaders.extend({
  "admission-pass": z.string().min(1).max(2048).optional().openapi({
    description:
      "The pass from the event's admission queue, required when the event has `queueEnabled`",
  }),
});

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
