import { z } from "@hono/zod-openapi";
import { TicketTypeSchema } from "../../contracts/catalog";
import {
  creatableFields,
  EventStatusSchema,
  eventFields,
  eventOutputs,
} from "../../contracts/event";
import { ADMIT_PER_MINUTE } from "../../domain/admission";
import { holdMinutesOf, paymentTermsError } from "../../domain/payment-terms";
import { DEFAULT_MAX_SEATS_PER_BOOKING, saleWindowError } from "../../domain/rules";
import { isAfter } from "../../lib/time";
import {
  CountryInput,
  DateTimeInput,
  DateTimeOutput,
  PaginationQuery,
  paginated,
  searchQuery,
} from "./common";

export const EventSchema = z
  .object({
    id: z.string().openapi({ example: "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e" }),
    ...eventOutputs,
    countryName: z.string().openapi({ example: "France" }),
    bookedCount: z.number().int().openapi({ example: 42, description: "Seats confirmed" }),
    heldSeats: z
      .number()
      .int()
      .openapi({ example: 4, description: "Seats held by pending bookings until they expire" }),
    availableSeats: z
      .number()
      .int()
      .openapi({ example: 54, description: "capacity - bookedCount - heldSeats" }),
    waitlistCount: z.number().int().openapi({ example: 0, description: "Seats waitlisted" }),
    interestCount: z.number().int().openapi({
      example: 12,
      description: "Attendees who asked to hear when sales open.",
    }),
    organizerId: z.string(),
    createdAt: DateTimeOutput,
    updatedAt: DateTimeOutput,
    ticketTypes: z.array(TicketTypeSchema).openapi({
      description:
        "The types on sale to everyone, in listing order; `price` reads as the first one's",
    }),
    priceFrom: z.number().int().openapi({
      example: 1500,
      description: "The lowest price among ticketTypes, in minor units",
    }),
  })
  .openapi("Event");

const endAfterStart = (
  value: {
    startDate?: string;
    endDate?: string;
    salesStartAt?: string | null;
    salesEndAt?: string | null;
  },
  ctx: z.RefinementCtx,
) => {
  if (value.startDate && value.endDate && !isAfter(value.endDate, value.startDate)) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "endDate must be after startDate" });
  }
  // PATCH may leave startDate out: the ledger checks the window against the stored one.
  if (!value.startDate) return;
  const error = saleWindowError({
    startDate: value.startDate,
    salesStartAt: value.salesStartAt ?? null,
    salesEndAt: value.salesEndAt ?? null,
  });
  if (error) ctx.addIssue({ code: "custom", path: [error.path], message: error.message });
};

/** On update the ledger checks the terms instead, against the values the event will have. */
const paymentTerms = (
  value: { price: number; currency?: string | null; holdMinutes?: number },
  ctx: z.RefinementCtx,
) => {
  const holdMinutes = holdMinutesOf(value.holdMinutes, value.price);
  const error = paymentTermsError({ ...value, currency: value.currency ?? null, holdMinutes });
  if (error) ctx.addIssue({ code: "custom", path: [error.path], message: error.message });
};

/** Checked when the request arrives; an event may of course start later and pass. */
const startsInFuture = (value: { startDate: string }, ctx: z.RefinementCtx) => {
  if (!isAfter(value.startDate, new Date().toISOString())) {
    ctx.addIssue({
      code: "custom",
      path: ["startDate"],
      message: "A new event must start in the future",
    });
  }
};

/**
 * Left inline rather than a named component: client generators (openapi-typescript) make
 * a component's defaulted fields required, but keep a request body's optional.
 */
export const CreateEventBody = z
  .object({
    ...creatableFields,
    waitlistEnabled: eventFields.waitlistEnabled.default(false),
    maxSeatsPerBooking: eventFields.maxSeatsPerBooking.default(DEFAULT_MAX_SEATS_PER_BOOKING),
    // Its default depends on the price: resolved by `holdMinutesOf`.
    holdMinutes: eventFields.holdMinutes.optional(),
    price: eventFields.price.default(0),
    status: eventFields.status.default("scheduled"),
    queueEnabled: eventFields.queueEnabled.default(false),
    admitPerMinute: eventFields.admitPerMinute.default(ADMIT_PER_MINUTE.default),
  })
  .superRefine(endAfterStart)
  .superRefine(paymentTerms)
  .superRefine(startsInFuture);

/** PATCH and PUT are both partial updates, as in the seed API. */
export const UpdateEventBody = z
  .object(eventFields)
  .partial()
  .superRefine(endAfterStart)
  .refine((value) => Object.keys(value).length > 0, "Provide at least one field to change")
  .openapi("UpdateEvent", { minProperties: 1 });

export const EVENT_SORTS = ["startDate", "createdAt", "title", "capacity"] as const;

const queryParam = <T extends z.ZodType>(schema: T, name: string) =>
  schema.openapi({ param: { name, in: "query" } });

export const EventListQuery = z.object({
  ...PaginationQuery,
  country: queryParam(CountryInput.optional(), "country"),
  status: queryParam(EventStatusSchema.optional(), "status"),
  from: queryParam(DateTimeInput.optional(), "from"),
  to: queryParam(DateTimeInput.optional(), "to"),
  organizerId: queryParam(z.string().max(64).optional(), "organizerId"),
  q: searchQuery("symfony"),
  sort: queryParam(z.enum(EVENT_SORTS).default("startDate"), "sort"),
  order: queryParam(z.enum(["asc", "desc"]).default("asc"), "order"),
});

export const EventListSchema = paginated(EventSchema, "EventList");

export type EventQuery = z.infer<typeof EventListQuery>;
