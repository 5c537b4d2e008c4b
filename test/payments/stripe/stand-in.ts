import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { raw } from "../../client";
import { signWebhook } from "../webhook-signing";

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What the Stripe stand-in received on `path` for one booking (by its id in the body or key). */
export const stripeRequests = async (path: string, bookingId: string): Promise<Recorded[]> => {
  const all = (await (await fetch("http://standin.test/requests")).json()) as Recorded[];
  return all.filter(
    (request) =>
      request.url === `https://api.stripe.com${path}` &&
      (request.body.includes(encodeURIComponent(bookingId)) ||
        request.headers["idempotency-key"]?.endsWith(bookingId)),
  );
};

/** Reads the stand-in's state as an API client of the test account would. */
export const stripeGet = async (path: string): Promise<any> => {
  const res = await fetch(`https://api.stripe.com${path}`, {
    headers: { Authorization: `Bearer ${env.STRIPE_SECRET_KEY}` },
  });
  return res.json();
};

/** The attendee pays on Stripe's page: answers the completed session, with its PaymentIntent. */
export const payCheckout = async (sessionId: string): Promise<{ payment_intent: string }> => {
  const res = await fetch(`http://standin.test/stripe/checkout/${sessionId}/pay`, {
    method: "POST",
  });
  if (!res.ok) throw new Error(`the stand-in could not pay ${sessionId}: ${res.status}`);
  return res.json();
};

/** Makes the stand-in fail the requests that mention `match` (see `stripeFaults`). */
export const injectStripeFaults = async (
  match: string,
  fault:
    | { failNext?: number; failRate?: number; hang?: boolean; loseAnswer?: boolean }
    | { clear: true },
) => {
  const res = await fetch("http://standin.test/stripe/faults", {
    method: "POST",
    body: JSON.stringify({ match, ...fault }),
  });
  if (!res.ok) throw new Error(`the stand-in refused the fault: ${res.status}`);
};

/** Every refund the stand-in made for a PaymentIntent. */
export const refundsOf = async (paymentIntentId: string): Promise<any[]> =>
  (await stripeGet(`/v1/refunds?payment_intent=${paymentIntentId}`)).data;

/** Stripe sends a signed event to the webhook, which takes it. */
export const deliver = async (event: object) => {
  const body = JSON.stringify(event);
  const signature = await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? "");
  // Raw: the signature covers these exact bytes.
  const res = await raw("POST", "/api/payments/stripe/webhook", {
    body,
    headers: { "Stripe-Signature": signature },
  });
  expect(res.status).toBe(200);
};

/** The session id at the end of a checkout link. */
export const sessionOf = (checkoutUrl: string) =>
  new URL(checkoutUrl).pathname.split("/").pop() ?? "";
