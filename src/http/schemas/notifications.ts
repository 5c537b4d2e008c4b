import { z } from "@hono/zod-openapi";
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, DEVICE_PLATFORMS } from "../../db/schema";
import { NOTIFICATION_TYPES } from "../../notifications/types";
import { DateTimeOutput, LocaleInput, PaginationQuery, paginated } from "./common";

export const PreferencesBody = z
  .object({
    email: z.boolean().openapi({ example: true }),
    push: z.boolean().openapi({ example: true }),
    websocket: z.boolean().openapi({ example: true }),
    locale: LocaleInput.optional(),
  })
  .openapi("PreferencesInput");

export const PreferencesSchema = z
  .object({ email: z.boolean(), push: z.boolean(), websocket: z.boolean(), locale: z.string() })
  .openapi("Preferences");

export const DeviceBody = z
  .object({
    platform: z.enum(DEVICE_PLATFORMS).openapi({ example: "android" }),
    token: z.string().trim().min(1).max(4096).openapi({ example: "fcm-registration-token" }),
  })
  .openapi("DeviceInput");

export const DeviceSchema = z
  .object({
    id: z.string(),
    attendeeId: z.string(),
    platform: z.enum(DEVICE_PLATFORMS),
    token: z.string(),
    createdAt: DateTimeOutput,
  })
  .openapi("Device");

export const DeliverySchema = z
  .object({
    channel: z.enum(DELIVERY_CHANNELS),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    error: z.string().optional(),
  })
  .openapi("Delivery");

export const NotificationSchema = z
  .object({
    id: z.string(),
    type: z.enum(NOTIFICATION_TYPES),
    title: z.string().openapi({ example: "Your seat is confirmed: Symfony Conference" }),
    body: z.string(),
    eventId: z.string(),
    bookingId: z.string().nullable(),
    createdAt: DateTimeOutput,
    deliveries: z.array(DeliverySchema),
  })
  .openapi("Notification");

export const NotificationListQuery = z.object(PaginationQuery);
export const NotificationListSchema = paginated(NotificationSchema, "NotificationList");

export const TemplateParams = z.object({
  type: z
    .string()
    .max(64)
    .openapi({ param: { name: "type", in: "path" }, example: "booking.confirmed" }),
});

export const TemplatePreviewQuery = z.object({
  locale: LocaleInput.default("en").openapi({
    param: { name: "locale", in: "query" },
    example: "fr",
  }),
});

export const TemplatePreviewSchema = z
  .object({ subject: z.string(), text: z.string(), html: z.string() })
  .openapi("TemplatePreview");

export const StreamTicketSchema = z
  .object({
    ticket: z.string().openapi({
      example: "st_V1StGXR8_Z5jdHi6B-myTq3nVq2W7bXc0dFgHi9jKlM",
      description: "Use once within a minute: GET /api/notifications/stream?ticket=…",
    }),
    expiresAt: DateTimeOutput,
  })
  .openapi("StreamTicket");
