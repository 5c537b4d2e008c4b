import { z } from "@hono/zod-openapi";
import { WEBHOOK_EVENT_TYPES } from "../../contracts/domain-events";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_DISABLED_REASONS } from "../../domain/enums";
import { LANGUAGES } from "../../domain/languages";
import { DateTimeOutput, PaginationQuery, paginated } from "./common";

const exampleId = "0192f1c9-5d6e-7f80-9a1b-2c3d4e5f6a7b";

const pathId = (name: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name, in: "path" }, example: exampleId });

export const WebhookParams = z.object({ id: pathId("id") });
export const DeliveryParams = z.object({ id: pathId("id"), deliveryId: pathId("deliveryId") });

const EventTypes = z
  .array(z.enum(["*", ...WEBHOOK_EVENT_TYPES]))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .refine((types) => new Set(types).size === types.length, "Each type at most once")
  .openapi({
    example: ["booking.confirmed", "booking.cancelled"],
    description: 'Domain event types to receive, or `["*"]` for all of them',
  });

const fields = {
  url: z.string().min(1).max(2048).openapi({
    example: "https://crm.example.com/hooks/event-booking",
    description:
      "`https://` to a public host; private, loopback, link-local and metadata addresses are refused",
  }),
  events: EventTypes,
  description: z.string().trim().max(500).nullable().openapi({ example: "CRM sync" }),
};

export const CreateWebhookBody = z
  .object({
    ...fields,
    description: fields.description.optional(),
    language: z.enum(LANGUAGES).optional().openapi({
      description:
        "The language of the emails about this endpoint (when it is turned off); default: the request's Accept-Language, else English",
    }),
  })
  .openapi("CreateWebhook");

export const UpdateWebhookBody = z
  .object({
    url: fields.url.optional(),
    events: fields.events.optional(),
    description: fields.description.optional(),
    enabled: z.boolean().optional().openapi({
      description: "Turning an endpoint back on clears why it was turned off",
    }),
  })
  .openapi("UpdateWebhook");

export const WebhookSchema = z
  .object({
    id: z.string().openapi({ example: exampleId }),
    url: fields.url,
    events: z.array(z.string()).openapi({ example: ["booking.confirmed"] }),
    description: z.string().nullable(),
    enabled: z.boolean(),
    disabledReason: z.enum(WEBHOOK_DISABLED_REASONS).nullable().openapi({
      description:
        "Why the service turned it off: `gone` (it answered 410), `failing` (five days of failed attempts)",
    }),
    createdAt: DateTimeOutput,
    updatedAt: DateTimeOutput,
  })
  .openapi("Webhook");

const Secret = z.string().openapi({
  example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  description: "`whsec_` and base64 of 32 random bytes; shown only in this answer",
});

export const CreatedWebhookSchema = WebhookSchema.extend({ secret: Secret }).openapi(
  "CreatedWebhook",
);
export const SecretSchema = z.object({ secret: Secret }).openapi("WebhookSecret");
export const WebhookListSchema = paginated(WebhookSchema, "WebhookList");

export const DeliverySchema = z
  .object({
    id: z.string().openapi({ example: exampleId }),
    webhookId: z.string().openapi({
      description: "The `webhook-id` header: the same on every attempt and every endpoint",
    }),
    type: z.string().openapi({ example: "booking.confirmed" }),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int().openapi({ example: 1 }),
    lastStatus: z.number().int().nullable().openapi({
      example: 200,
      description: "The HTTP status of the last attempt; null before any, or when none came",
    }),
    lastError: z.string().nullable().openapi({ example: null }),
    nextAttemptAt: DateTimeOutput.nullable(),
    createdAt: DateTimeOutput,
  })
  .openapi("WebhookDelivery");

export const DeliveryListSchema = paginated(DeliverySchema, "WebhookDeliveryList");
export const DeliveryListQuery = z.object({
  ...PaginationQuery,
  status: z
    .enum(WEBHOOK_DELIVERY_STATUSES)
    .optional()
    .openapi({ param: { name: "status", in: "query" } }),
});
export const WebhookListQuery = z.object(PaginationQuery);
