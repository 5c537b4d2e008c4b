import { z } from "@hono/zod-openapi";
import { requireCaller } from "../../auth";
import { callerRoute } from "../../route";
import {
  attendeeSelfProblems,
  bareBodyProblems,
  bodyProblems,
  IdParam,
  jsonBody,
  jsonContent,
  MessageSchema,
  problems,
} from "../../schemas/common";
import {
  DeviceBody,
  DeviceSchema,
  NotificationListQuery,
  NotificationListSchema,
  PreferencesBody,
  PreferencesSchema,
  StreamTicketSchema,
  TemplateParams,
  TemplatePreviewQuery,
  TemplatePreviewSchema,
} from "../../schemas/notifications";

const tags = ["Notifications"];
const attendeeOnly = requireCaller("attendee");

export const list = callerRoute(attendeeOnly, {
  method: "get",
  path: "/api/notifications",
  tags,
  summary: "Your notifications, newest first, with per-channel delivery status",
  operationId: "listNotifications",
  description:
    "Attendees only: each notification with its email, push and WebSocket delivery status.",
  request: { query: NotificationListQuery },
  responses: {
    200: jsonContent(NotificationListSchema, "A page of notifications"),
    ...problems({ 401: "Missing or invalid token", 403: "Not an attendee", 422: "Invalid query" }),
  },
});

export const preview = callerRoute(requireCaller("organizer"), {
  method: "get",
  path: "/api/notifications/templates/{type}/preview",
  tags,
  summary: "Render a notification template with sample data (organizers)",
  operationId: "previewTemplate",
  description:
    "Organizers only. `locale` picks the language (en, fr, de, es; others fall back to English).",
  request: { params: TemplateParams, query: TemplatePreviewQuery },
  responses: {
    200: jsonContent(TemplatePreviewSchema, "The rendered subject, text and HTML"),
    ...problems({
      401: "Missing or invalid token",
      403: "Not an organizer",
      404: "Unknown notification type (not_found)",
      422: "Invalid locale",
    }),
  },
});

export const preferences = callerRoute(attendeeOnly, {
  method: "put",
  path: "/api/attendees/{id}/preferences",
  tags,
  summary: "Choose the channels (and language) of your notifications",
  operationId: "setPreferences",
  description: "That attendee only. Replaces all three channel switches at once.",
  request: { params: IdParam, body: jsonBody(PreferencesBody) },
  responses: {
    200: jsonContent(PreferencesSchema, "The preferences now in force"),
    ...problems({ ...bodyProblems, ...attendeeSelfProblems }),
  },
});

export const DeviceParams = IdParam.extend({
  deviceId: z.string().openapi({ param: { name: "deviceId", in: "path" } }),
});

export const addDevice = callerRoute(attendeeOnly, {
  method: "post",
  path: "/api/attendees/{id}/devices",
  tags,
  summary: "Register a phone for push notifications",
  operationId: "addDevice",
  description:
    "That attendee only. `token` is the FCM registration token or the APNs device token. A token another attendee registered is refused (409) until they remove it.",
  request: { params: IdParam, body: jsonBody(DeviceBody) },
  responses: {
    201: {
      ...jsonContent(DeviceSchema, "The registered device"),
      headers: { Location: { schema: { type: "string" } } },
    },
    ...problems({
      ...bodyProblems,
      ...attendeeSelfProblems,
      409: "Another attendee registered this device (attendee_exists)",
    }),
  },
});

export const removeDevice = callerRoute(attendeeOnly, {
  method: "delete",
  path: "/api/attendees/{id}/devices/{deviceId}",
  tags,
  summary: "Stop push notifications to a phone",
  operationId: "removeDevice",
  description: "That attendee only.",
  request: { params: DeviceParams },
  responses: {
    200: jsonContent(MessageSchema, "Device removed"),
    ...problems({ ...attendeeSelfProblems, 404: "Unknown attendee or device (not_found)" }),
  },
});

export const streamTicket = callerRoute(attendeeOnly, {
  method: "post",
  path: "/api/notifications/stream-ticket",
  tags,
  summary: "A single-use ticket to open your notification stream",
  operationId: "createStreamTicket",
  description:
    "Valid for 60 seconds and one connection: open `GET /api/notifications/stream?ticket=…` with it, so your token never appears in a URL.",
  responses: {
    201: {
      ...jsonContent(StreamTicketSchema, "The ticket and when it expires"),
      headers: { Location: { schema: { type: "string" } } },
    },
    ...problems({
      ...bareBodyProblems,
      401: "Missing or invalid token",
      403: "Not an attendee",
    }),
  },
});
