import { problem } from "../../../lib/problem";
import { settlementOf, verifyStripeWebhook } from "../../../payments/webhook";
import { settlePayment } from "../../../workflows/settle-payment";
import { rawText } from "../../body";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./payments.routes";

/** Stripe's events are a few KiB; the cap leaves room for large sessions and nothing more. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export const stripeWebhook: AppRouteHandler<typeof routes.stripeWebhook> = async (c) => {
  const body = await rawText(c.req.raw, MAX_WEBHOOK_BYTES);
  const event = await verifyStripeWebhook(c.env, body, c.req.header("stripe-signature") ?? null);
  if (!event) throw problem("invalid_signature", "The Stripe-Signature header does not verify.");
  const settlement = settlementOf(event);
  if (settlement) await settlePayment(c.env, settlement);
  return c.json({ received: true as const }, 200);
};
