import { z } from "@hono/zod-openapi";

/**
 * A Stripe event as it arrives. Plain JSON Schema on purpose: a zod schema here would
 * make the router parse the body before its signature is checked over the raw bytes.
 */
export const StripeEventBody = {
  type: "object" as const,
  required: ["id", "object", "type", "data"],
  properties: {
    id: { type: "string" as const, example: "evt_1QxYz2AbCdEfGhIj" },
    object: { type: "string" as const, enum: ["event"] },
    type: { type: "string" as const, example: "checkout.session.completed" },
    created: { type: "integer" as const, example: 1903932000 },
    data: {
      type: "object" as const,
      required: ["object"],
      properties: { object: { type: "object" as const, description: "The Checkout Session" } },
    },
  },
};

export const StripeSignatureHeader = z.object({
  "Stripe-Signature": z
    .string()
    .optional()
    .openapi({
      param: { name: "Stripe-Signature", in: "header" },
      description:
        "`t=<unix time>,v1=<HMAC-SHA256>` as Stripe signs it; without a valid one the answer is 400 invalid_signature.",
      example: "t=1903932000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
    }),
});

export const WebhookReceiptSchema = z
  .object({ received: z.literal(true) })
  .openapi("WebhookReceipt");
