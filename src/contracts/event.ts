import { z } from "@hono/zod-openapi";
import { EVENT_STATUSES } from "../domain/enums";
import { ORGANIZER_STATUSES } from "../domain/event-status";
import { isCurrencyCode } from "../domain/money";
import { PAID_HOLD_MINUTES } from "../domain/payment-terms";
import { DEFAULT_HOLD_MINUTES } from "../domain/rules";
import { CountryInput, DateTimeInput } from "./fields";

export const EventStatusSchema = z.enum(EVENT_STATUSES).openapi({
  example: "scheduled",
  description: "`ongoing` and `completed` follow the clock: between start and end, and after end",
});

const OrganizerStatusSchema = z.enum(ORGANIZER_STATUSES).openapi({
  example: "scheduled",
  description:
    "Organizers set `scheduled` or `cancelled`; `ongoing` and `completed` follow the dates",
});

/** Every field an organizer writes, declared once: create, update and the ledger take them from here. */
export const eventFields = {
  title: z.string().trim().min(1).max(200).openapi({ example: "Symfony Conference" }),
  description: z.string().max(5000).nullable().openapi({ example: "Learn about Symfony" }),
  country: CountryInput,
  startDate: DateTimeInput,
  endDate: DateTimeInput.openapi({ example: "2030-05-01T18:00:00Z" }),
  capacity: z.number().int().min(1).max(100_000).openapi({ example: 100 }),
  waitlistEnabled: z.boolean().openapi({ example: false }),
  maxSeatsPerBooking: z.number().int().min(1).max(100).openapi({ example: 10 }),
  holdMinutes: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .openapi({
      example: 30,
      description: `Default ${DEFAULT_HOLD_MINUTES}, or ${PAID_HOLD_MINUTES} on a paid event, Stripe Checkout's minimum`,
    }),
  price: z.number().int().min(0).max(100_000_000).openapi({
    example: 2500,
    description:
      "Price of one seat in the currency's minor unit; 0 (the default) is free, any other price at least Stripe's minimum charge in the currency (50 for EUR and USD, 30 for GBP, 50 for JPY; 50 outside Stripe's table)",
  }),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCurrencyCode, "Expected an ISO 4217 currency code")
    .nullable()
    .openapi({ example: "EUR", description: "ISO 4217, required when price > 0" }),
  status: OrganizerStatusSchema,
  salesStartAt: DateTimeInput.nullable().openapi({
    example: "2030-03-01T09:00:00Z",
    description: "Bookings are accepted from this instant (default: at once).",
  }),
  salesEndAt: DateTimeInput.nullable().openapi({
    example: "2030-04-30T23:00:00Z",
    description:
      "Bookings are accepted until this instant (default: the start); not after startDate.",
  }),
};

/** What an update may change: any of the fields, validated as the API validates them. */
export type EventChanges = Partial<z.infer<z.ZodObject<typeof eventFields>>>;
