import { publicRoute } from "../../route";
import { jsonContent, problems } from "../../schemas/common";
import {
  StripeEventBody,
  StripeSignatureHeader,
  WebhookReceiptSchema,
} from "../../schemas/stripe-webhook";

export const stripeWebhook = publicRoute({
  method: "post",
  path: "/api/payments/stripe/webhook",
  operationId: "receiveStripeWebhook",
  tags: ["Payments"],
  summary: "Receive Stripe's report on a checkout (Stripe only)",
  description:
    "Stripe calls this endpoint; nobody else can, since the body must carry Stripe's signature (`Stripe-Signature`, checked over the raw body, stamped within 5 minutes of our clock either way). `checkout.session.completed`, `async_payment_succeeded`, `async_payment_failed` and `expired` settle the booking's payment; other event types are acknowledged and ignored.",
  request: {
    headers: StripeSignatureHeader,
    body: { required: true, content: { "application/json": { schema: StripeEventBody } } },
  },
  responses: {
    200: jsonContent(WebhookReceiptSchema, "The event was verified and handled (or ignored)"),
    ...problems({
      400: "Missing or invalid signature, or no webhook secret configured (invalid_signature)",
      413: "The body exceeds 256 KiB (payload_too_large)",
    }),
  },
});
