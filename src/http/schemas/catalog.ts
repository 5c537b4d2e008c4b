import { z } from "@hono/zod-openapi";
import { PROMO_KINDS, PromoCodeSchema, TicketTypeSchema } from "../../contracts/catalog";
import { MAXIMUM_CHARGE } from "../../domain/money";
import { DateTimeInput } from "./common";

const pathId = (name: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name, in: "path" }, example: "0192f1c7-3a4b-7c5d-8e6f-708192a3b4c5" });

export const TicketTypeParams = z.object({ id: pathId("id"), typeId: pathId("typeId") });
export const PromoCodeParams = z.object({ id: pathId("id"), codeId: pathId("codeId") });

const perBooking = z.number().int().min(1).max(100);

const typeFields = {
  name: z.string().trim().min(1).max(100).openapi({ example: "Early bird" }),
  description: z.string().max(1000).nullable().openapi({ example: "Until the end of March" }),
  price: z.number().int().min(0).max(MAXIMUM_CHARGE).openapi({
    example: 1500,
    description:
      "Per seat, in the event's currency's minor unit; 0 is free, any other price at least the provider's minimum charge",
  }),
  quota: z.number().int().min(1).max(100_000).nullable().openapi({
    example: 50,
    description: "Seats of this type at most, inside the event's capacity; null: no own cap",
  }),
  hidden: z.boolean().openapi({
    example: false,
    description: "Listed and sold only with a promo code that names it (or names every type)",
  }),
  salesStartAt: DateTimeInput.nullable().openapi({
    description: "Narrows the event's sale window for this type",
  }),
  salesEndAt: DateTimeInput.nullable().openapi({
    description: "Narrows the event's sale window for this type; not after the start",
  }),
  minPerBooking: perBooking.openapi({ example: 1 }),
  maxPerBooking: perBooking.nullable().openapi({
    example: 4,
    description: "Left out or null: the event's maxSeatsPerBooking",
  }),
  position: z.number().int().min(0).max(10_000).openapi({
    example: 1,
    description: "Listing order (default: after the others)",
  }),
};

const windowInOrder = (
  value: { salesStartAt?: string | null; salesEndAt?: string | null },
  ctx: z.RefinementCtx,
) => {
  if (value.salesStartAt && value.salesEndAt && value.salesStartAt >= value.salesEndAt) {
    ctx.addIssue({
      code: "custom",
      path: ["salesEndAt"],
      message: "salesEndAt must be after salesStartAt",
    });
  }
};

export const CreateTicketTypeBody = z
  .object({
    name: typeFields.name,
    price: typeFields.price.optional(),
    description: typeFields.description.optional(),
    quota: typeFields.quota.optional(),
    hidden: typeFields.hidden.optional(),
    salesStartAt: typeFields.salesStartAt.optional(),
    salesEndAt: typeFields.salesEndAt.optional(),
    minPerBooking: typeFields.minPerBooking.optional(),
    maxPerBooking: typeFields.maxPerBooking.optional(),
    position: typeFields.position.optional(),
  })
  .superRefine(windowInOrder)
  .openapi("CreateTicketType");

export const UpdateTicketTypeBody = z
  .object(typeFields)
  .partial()
  .superRefine(windowInOrder)
  .refine((value) => Object.keys(value).length > 0, "Provide at least one field to change")
  .openapi("UpdateTicketType", { minProperties: 1 });

export const TicketTypeListQuery = z.object({
  promoCode: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .openapi({
      param: { name: "promoCode", in: "query" },
      example: "VIP-PRESALE",
      description: "Also lists the hidden types this code unlocks",
    }),
});

export const TicketTypeListSchema = z
  .object({ data: z.array(TicketTypeSchema) })
  .openapi("TicketTypeList");

export const CreatePromoCodeBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{3,40}$/, "3 to 40 letters, digits, - or _")
      .openapi({ example: "EARLY-2030", description: "Unique per event, whatever the case" }),
    kind: z.enum(PROMO_KINDS).openapi({ example: "percent" }),
    value: z.number().int().min(1).max(MAXIMUM_CHARGE).optional().openapi({
      example: 20,
      description: "percent: 1..100; amount: minor units off each seat; none for unlock",
    }),
    ticketTypeIds: z.array(z.string().min(1).max(64)).min(1).max(50).optional().openapi({
      description: "The types it applies to and unlocks (default: every type)",
    }),
    maxUses: z.number().int().min(1).max(1_000_000).nullable().optional().openapi({
      example: 10,
      description: "Active bookings that may use it at once; null (the default): unlimited",
    }),
    validFrom: DateTimeInput.nullable().optional(),
    validUntil: DateTimeInput.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (body.kind === "unlock" && body.value !== undefined) {
      issue("value", "An unlock code takes no value");
    }
    if (body.kind !== "unlock" && body.value === undefined) {
      issue("value", `A ${body.kind} code needs a value`);
    }
    if (body.kind === "percent" && body.value !== undefined && body.value > 100) {
      issue("value", "A percent is 1 to 100");
    }
    if (body.validFrom && body.validUntil && body.validFrom >= body.validUntil) {
      issue("validUntil", "validUntil must be after validFrom");
    }
  })
  .openapi("CreatePromoCode");

export const PromoCodeListSchema = z
  .object({ data: z.array(PromoCodeSchema) })
  .openapi("PromoCodeList");
