import { z } from "@hono/zod-openapi";
import { ADMIT_PER_MINUTE } from "../domain/admission";
import { EVENT_STATUSES } from "../domain/enums";
import { ORGANIZER_STATUSES } from "../domain/event-status";
import { isCurrencyCode } from "../domain/money";
import { PAID_HOLD_MINUTES } from "../domain/payment-terms";
import { DEFAULT_HOLD_MINUTES } from "../domain/rules";
import { CountryInput, DateTimeInput, DateTimeOutput } from "./fields";

export const EventStatusSchema = z.enum(EVENT_STATUSES).openapi({
  example: "scheduled",
  description: "`ongoing` and `completed` follow the clock: between start and end, and after end",
});

const OrganizerStatusSchema = z.enum(ORGANIZER_STATUSES).openapi({
  example: "scheduled",
  description:
    "Organizers set `scheduled` or `cancelled`; `ongoing` and `completed` follow the dates",
});

/**
 * One field an organizer writes: how the API reads it (`input`, for create and update),
 * how the API shows it (`output`), and the column the ledger and D1 keep it in.
 */
const field = <C extends string, I extends z.ZodType, O extends z.ZodType>(
  column: C,
  input: I,
  output: O,
) => ({ column, input, output });

/**
 * Every field an organizer writes, declared once. Create and update bodies, the Event the
 * API answers, the ledger's columns, its copy to D1 and its adoption from D1 are all made
 * from this table; a new descriptive field is one entry here, a D1 migration with its
 * drizzle column, and a ledger migration.
 */
export const EVENT_FIELDS = {
  title: field(
    "title",
    z.string().trim().min(1).max(200).openapi({ example: "Symfony Conference" }),
    z.string().openapi({ example: "Symfony Conference" }),
  ),
  description: field(
    "description",
    z.string().max(5000).nullable().openapi({ example: "Learn about Symfony" }),
    z.string().nullable().openapi({ example: "Learn about Symfony" }),
  ),
  country: field("country", CountryInput, z.string().openapi({ example: "FR" })),
  startDate: field("start_date", DateTimeInput, DateTimeOutput),
  endDate: field(
    "end_date",
    DateTimeInput.openapi({ example: "2030-05-01T18:00:00Z" }),
    DateTimeOutput.openapi({ example: "2030-05-01T18:00:00.000Z" }),
  ),
  capacity: field(
    "capacity",
    z.number().int().min(1).max(100_000).openapi({ example: 100 }),
    z.number().int().openapi({ example: 100 }),
  ),
  waitlistEnabled: field("waitlist_enabled", z.boolean().openapi({ example: false }), z.boolean()),
  maxSeatsPerBooking: field(
    "max_seats_per_booking",
    z.number().int().min(1).max(100).openapi({ example: 10 }),
    z.number().int().openapi({ example: 10 }),
  ),
  holdMinutes: field(
    "hold_minutes",
    z
      .number()
      .int()
      .min(1)
      .max(1440)
      .openapi({
        example: 30,
        description: `Default ${DEFAULT_HOLD_MINUTES}, or ${PAID_HOLD_MINUTES} on a paid event, Stripe Checkout's minimum`,
      }),
    z.number().int().openapi({ example: 15 }),
  ),
  price: field(
    "price",
    z.number().int().min(0).max(100_000_000).openapi({
      example: 2500,
      description:
        "Price of one seat in the currency's minor unit; 0 (the default) is free, any other price at least Stripe's minimum charge in the currency (50 for EUR and USD, 30 for GBP, 50 for JPY; 50 outside Stripe's table)",
    }),
    z.number().int().openapi({
      example: 2500,
      description: "Price of one seat in the currency's minor unit (2500 EUR = €25.00); 0 is free",
    }),
  ),
  currency: field(
    "currency",
    z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCurrencyCode, "Expected an ISO 4217 currency code")
      .nullable()
      .openapi({ example: "EUR", description: "ISO 4217, required when price > 0" }),
    z.string().nullable().openapi({ example: "EUR", description: "ISO 4217" }),
  ),
  status: field("status", OrganizerStatusSchema, EventStatusSchema),
  salesStartAt: field(
    "sales_start_at",
    DateTimeInput.nullable().openapi({
      example: "2030-03-01T09:00:00Z",
      description: "Bookings are accepted from this instant (default: at once).",
    }),
    DateTimeOutput.nullable().openapi({
      description: "Bookings are accepted from this instant; null: from the event's creation.",
    }),
  ),
  salesEndAt: field(
    "sales_end_at",
    DateTimeInput.nullable().openapi({
      example: "2030-04-30T23:00:00Z",
      description:
        "Bookings are accepted until this instant (default: the start); not after startDate.",
    }),
    DateTimeOutput.nullable().openapi({
      description: "Bookings are accepted until this instant; null: until the event starts.",
    }),
  ),
  queueEnabled: field(
    "queue_enabled",
    z.boolean().openapi({
      example: false,
      description:
        "Bookings need an admission pass from the event's queue (POST /api/events/{id}/queue)",
    }),
    z.boolean(),
  ),
  admitPerMinute: field(
    "admit_per_minute",
    z
      .number()
      .int()
      .min(ADMIT_PER_MINUTE.min)
      .max(ADMIT_PER_MINUTE.max)
      .openapi({
        example: ADMIT_PER_MINUTE.default,
        description: `Admission passes the queue issues per minute at most, spread over the minute (default ${ADMIT_PER_MINUTE.default})`,
      }),
    z.number().int().openapi({ example: ADMIT_PER_MINUTE.default }),
  ),
};

type Fields = typeof EVENT_FIELDS;
export type EventField = keyof Fields;
type Column<K extends EventField> = Fields[K]["column"];
/** SQLite has no booleans: the ledger and D1 keep them as 0 or 1. */
type Stored<T> = T extends boolean ? number : T;

const FIELD_NAMES = Object.keys(EVENT_FIELDS) as EventField[];
const mapFields = <T>(pick: (f: Fields[EventField]) => T) =>
  Object.fromEntries(FIELD_NAMES.map((name) => [name, pick(EVENT_FIELDS[name])]));

/** The request schema of each field, for the create and update bodies. */
export const eventFields = mapFields((f) => f.input) as { [K in EventField]: Fields[K]["input"] };
/** The response schema of each field, for the Event the API answers. */
export const eventOutputs = mapFields((f) => f.output) as {
  [K in EventField]: Fields[K]["output"];
};

/** The fields as the API shows them. */
export type EventFieldValues = { [K in EventField]: z.output<Fields[K]["output"]> };
/** The fields as the ledger and D1 store them, by column. */
export type EditableColumns = {
  [K in EventField as Column<K>]: Stored<z.output<Fields[K]["output"]>>;
};
/** Every editable column, in the declaration's order. */
export const EDITABLE_COLUMNS = FIELD_NAMES.map(
  (name) => EVENT_FIELDS[name].column,
) as Column<EventField>[];

const stored = (value: unknown) => (typeof value === "boolean" ? Number(value) : value);
const shown = (name: EventField, value: unknown) =>
  EVENT_FIELDS[name].output instanceof z.ZodBoolean ? value === 1 || value === true : value;

/** The columns an update writes: only the fields it names, as the store keeps them. */
export const columnsOf = (
  changes: Partial<Record<EventField, unknown>>,
): Partial<EditableColumns> =>
  Object.fromEntries(
    FIELD_NAMES.filter((name) => changes[name] !== undefined).map((name) => [
      EVENT_FIELDS[name].column,
      stored(changes[name]),
    ]),
  ) as Partial<EditableColumns>;

/** The fields of a stored row (ledger or D1, by column), as the API shows them. */
export const fieldsOf = (row: EditableColumns): EventFieldValues =>
  Object.fromEntries(
    FIELD_NAMES.map((name) => [
      name,
      shown(name, (row as Record<string, unknown>)[EVENT_FIELDS[name].column]),
    ]),
  ) as EventFieldValues;

/** The fields of a record whose fields bear the API's names (a D1 row), and only those. */
export const pickFields = (record: EventFieldValues): EventFieldValues =>
  Object.fromEntries(FIELD_NAMES.map((name) => [name, record[name]])) as EventFieldValues;

/** A create body's fields, every one present: a field the body left out is null. */
export const completeFields = (input: { [K in EventField]?: unknown }): EventFieldValues =>
  Object.fromEntries(FIELD_NAMES.map((name) => [name, input[name] ?? null])) as EventFieldValues;

/** The create body's fields: one that may be null may also be left out. */
export const creatableFields = Object.fromEntries(
  FIELD_NAMES.map((name) => {
    const input: z.ZodType = EVENT_FIELDS[name].input;
    return [name, input.safeParse(null).success ? input.optional() : input];
  }),
) as {
  [K in EventField]: null extends z.input<Fields[K]["input"]>
    ? z.ZodOptional<Fields[K]["input"]>
    : Fields[K]["input"];
};

/** What an update may change: any of the fields, validated as the API validates them. */
export type EventChanges = Partial<z.infer<z.ZodObject<typeof eventFields>>>;
