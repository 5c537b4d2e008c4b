import { z } from "@hono/zod-openapi";
import { type PromoKind, type TicketTypeRecord, typeAvailable } from "../domain/catalog";
import { DateTimeOutput } from "./fields";

export const TicketTypeSchema = z
  .object({
    id: z.string().openapi({ example: "0192f1c7-3a4b-7c5d-8e6f-708192a3b4c5" }),
    eventId: z.string(),
    name: z.string().openapi({ example: "Early bird" }),
    description: z.string().nullable().openapi({ example: "Until the end of March" }),
    price: z.number().int().openapi({ example: 1500, description: "Per seat, in minor units" }),
    currency: z.string().nullable().openapi({ example: "EUR", description: "The event's" }),
    quota: z.number().int().nullable().openapi({
      example: 50,
      description: "Seats of this type at most; null: only the event's capacity caps it",
    }),
    soldSeats: z.number().int().openapi({ example: 12, description: "Seats confirmed" }),
    heldSeats: z.number().int().openapi({ example: 2, description: "Seats of pending bookings" }),
    availableSeats: z.number().int().openapi({
      example: 36,
      description: "min(the event's seats left, the quota left)",
    }),
    hidden: z.boolean().openapi({
      example: false,
      description: "Listed and sold only with a promo code that names it",
    }),
    salesStartAt: DateTimeOutput.nullable(),
    salesEndAt: DateTimeOutput.nullable(),
    minPerBooking: z.number().int().openapi({ example: 1 }),
    maxPerBooking: z.number().int().openapi({ example: 10 }),
    position: z.number().int().openapi({ example: 0, description: "Listing order" }),
    createdAt: DateTimeOutput,
    updatedAt: DateTimeOutput,
  })
  .openapi("TicketType");

export type TicketType = z.infer<typeof TicketTypeSchema>;

/** What an organizer sets on a type; a change names only what it changes. */
export type TicketTypeChanges = Partial<
  Pick<
    TicketTypeRecord,
    | "name"
    | "description"
    | "price"
    | "quota"
    | "hidden"
    | "salesStartAt"
    | "salesEndAt"
    | "minPerBooking"
    | "maxPerBooking"
    | "position"
  >
>;

export const presentTicketType = (
  type: TicketTypeRecord,
  event: { id: string; currency: string | null; free: number; maxSeatsPerBooking: number },
): TicketType => ({
  id: type.id,
  eventId: event.id,
  name: type.name,
  description: type.description,
  price: type.price,
  currency: event.currency,
  quota: type.quota,
  soldSeats: type.confirmed,
  heldSeats: type.held,
  availableSeats: typeAvailable(type, event.free),
  hidden: type.hidden,
  salesStartAt: type.salesStartAt,
  salesEndAt: type.salesEndAt,
  minPerBooking: type.minPerBooking,
  maxPerBooking: type.maxPerBooking ?? event.maxSeatsPerBooking,
  position: type.position,
  createdAt: type.createdAt,
  updatedAt: type.updatedAt,
});

export const BookingItemSchema = z
  .object({
    ticketTypeId: z.string(),
    name: z.string().openapi({ example: "Early bird" }),
    quantity: z.number().int().openapi({ example: 2 }),
    unitPrice: z.number().int().openapi({ example: 1500, description: "Before any discount" }),
    discount: z.number().int().openapi({ example: 300, description: "Off the whole line" }),
    amount: z
      .number()
      .int()
      .openapi({ example: 2700, description: "unitPrice × quantity − discount" }),
  })
  .openapi("BookingItem");

export const PROMO_KINDS = ["percent", "amount", "unlock"] as const satisfies readonly PromoKind[];

export const PromoCodeSchema = z
  .object({
    id: z.string(),
    code: z.string().openapi({ example: "EARLY-2030" }),
    kind: z.enum(PROMO_KINDS).openapi({
      example: "percent",
      description:
        "`percent`: floor(unitPrice × value / 100) off each seat; `amount`: min(value, unitPrice) off each seat; `unlock`: only unlocks hidden types",
    }),
    value: z.number().int().nullable().openapi({ example: 20 }),
    ticketTypeIds: z.array(z.string()).nullable().openapi({
      description: "The types it applies to and unlocks; null: every type of the event",
    }),
    maxUses: z.number().int().nullable().openapi({ example: 10 }),
    usedCount: z.number().int().openapi({
      example: 3,
      description: "Active bookings (pending, confirmed, waitlisted) that used it",
    }),
    validFrom: DateTimeOutput.nullable(),
    validUntil: DateTimeOutput.nullable(),
    createdAt: DateTimeOutput,
  })
  .openapi("PromoCode");

export type PromoCode = z.infer<typeof PromoCodeSchema>;

/** A new code as the organizer asks for it, validated at the API. */
export interface PromoCodeInput {
  code: string;
  kind: PromoKind;
  value?: number;
  ticketTypeIds?: string[];
  maxUses?: number | null;
  validFrom?: string | null;
  validUntil?: string | null;
}
