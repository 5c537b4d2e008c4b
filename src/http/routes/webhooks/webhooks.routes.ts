import { requireCaller } from "../../auth";
import { callerRoute } from "../../route";
import {
  bareBodyProblems,
  bodyProblems,
  jsonBody,
  jsonContent,
  MessageSchema,
  problems,
} from "../../schemas/common";
import {
  CreatedWebhookSchema,
  CreateWebhookBody,
  DeliveryListQuery,
  DeliveryListSchema,
  DeliveryParams,
  DeliverySchema,
  SecretSchema,
  UpdateWebhookBody,
  WebhookListQuery,
  WebhookListSchema,
  WebhookParams,
  WebhookSchema,
} from "../../schemas/webhooks";

const tags = ["Webhooks"];
const organizerOnly = requireCaller("organizer");

const callerProblems = {
  401: "Missing or invalid token",
  403: "Not an organizer (forbidden)",
} as const;
const ownProblems = {
  ...callerProblems,
  404: "No endpoint of yours has this id (webhook_not_found)",
} as const;

export const create = callerRoute(organizerOnly, {
  method: "post",
  path: "/api/webhooks",
  operationId: "createWebhook",
  tags,
  summary: "Add a webhook endpoint",
  description:
    "Every change of your events whose type `events` names is POSTed to `url`, signed per the Standard Webhooks specification with the `secret` shown only in this answer. `url` must be `https://` to a public host (422 path `url` otherwise); an organizer keeps at most 20 endpoints.",
  request: { body: jsonBody(CreateWebhookBody) },
  responses: {
    201: {
      ...jsonContent(CreatedWebhookSchema, "The endpoint, with its secret (shown this once)"),
      headers: { Location: { schema: { type: "string" } } },
    },
    ...problems({ ...bodyProblems, ...callerProblems }),
  },
});

export const list = callerRoute(organizerOnly, {
  method: "get",
  path: "/api/webhooks",
  operationId: "listWebhooks",
  tags,
  summary: "Your webhook endpoints",
  description: "Newest first.",
  request: { query: WebhookListQuery },
  responses: {
    200: jsonContent(WebhookListSchema, "A page of endpoints"),
    ...problems({ ...callerProblems, 422: "Invalid query parameters" }),
  },
});

export const get = callerRoute(organizerOnly, {
  method: "get",
  path: "/api/webhooks/{id}",
  operationId: "getWebhook",
  tags,
  summary: "One of your webhook endpoints",
  description:
    "Its URL, the types it listens for, and whether it is on (with why the service turned it off, if it did). The secret is never shown again.",
  request: { params: WebhookParams },
  responses: {
    200: jsonContent(WebhookSchema, "The endpoint"),
    ...problems(ownProblems),
  },
});

export const update = callerRoute(organizerOnly, {
  method: "patch",
  path: "/api/webhooks/{id}",
  operationId: "updateWebhook",
  tags,
  summary: "Change a webhook endpoint, or turn it off or on",
  description:
    "Only the fields sent change. `enabled: true` turns back on an endpoint the service turned off (after a 410 or five days of failures) and clears its record.",
  request: { params: WebhookParams, body: jsonBody(UpdateWebhookBody) },
  responses: {
    200: jsonContent(WebhookSchema, "The endpoint as changed"),
    ...problems({ ...bodyProblems, ...ownProblems }),
  },
});

export const remove = callerRoute(organizerOnly, {
  method: "delete",
  path: "/api/webhooks/{id}",
  operationId: "deleteWebhook",
  tags,
  summary: "Delete a webhook endpoint and its delivery log",
  description: "Attempts still scheduled for it are dropped; nothing more is sent.",
  request: { params: WebhookParams },
  responses: {
    200: jsonContent(MessageSchema, "Deleted"),
    ...problems(ownProblems),
  },
});

export const rotate = callerRoute(organizerOnly, {
  method: "post",
  path: "/api/webhooks/{id}/rotate-secret",
  operationId: "rotateWebhookSecret",
  tags,
  summary: "Replace an endpoint's signing secret",
  description:
    "The new secret is shown only here. For 24 hours the old one still signs beside it (two `v1,` signatures in `webhook-signature`), so a receiver can switch without losing a delivery.",
  request: { params: WebhookParams },
  responses: {
    200: jsonContent(SecretSchema, "The new secret"),
    ...problems({ ...bareBodyProblems, ...ownProblems }),
  },
});

export const deliveries = callerRoute(organizerOnly, {
  method: "get",
  path: "/api/webhooks/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  tags,
  summary: "An endpoint's delivery log",
  description:
    "Newest first, `?status=` to filter. A delivery is `pending` while its attempts go on (about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and 24 h after the first, ±10 %), `delivered` after a 2xx, `failed` once given up on. Kept 30 days.",
  request: { params: WebhookParams, query: DeliveryListQuery },
  responses: {
    200: jsonContent(DeliveryListSchema, "A page of deliveries"),
    ...problems({ ...ownProblems, 422: "Invalid query parameters" }),
  },
});

export const retry = callerRoute(organizerOnly, {
  method: "post",
  path: "/api/webhooks/{id}/deliveries/{deliveryId}/retry",
  operationId: "retryWebhookDelivery",
  tags,
  summary: "Send a delivery again, now",
  description:
    "A new attempt with the same `webhook-id` and body, made even while the endpoint is turned off. It counts on the schedule: a delivery still being retried carries on from there if it fails.",
  request: { params: DeliveryParams },
  responses: {
    202: jsonContent(DeliverySchema, "The attempt is on its way"),
    ...problems({
      ...bareBodyProblems,
      ...ownProblems,
      404: "Unknown endpoint or delivery (webhook_not_found)",
    }),
  },
});

export const test = callerRoute(organizerOnly, {
  method: "post",
  path: "/api/webhooks/{id}/test",
  operationId: "testWebhook",
  tags,
  summary: "Send a `webhook.test` event to an endpoint",
  description:
    "A signed `webhook.test` delivery, attempted now and retried like any other; it shows in the delivery log.",
  request: { params: WebhookParams },
  responses: {
    202: jsonContent(DeliverySchema, "The test delivery"),
    ...problems({ ...bareBodyProblems, ...ownProblems }),
  },
});
