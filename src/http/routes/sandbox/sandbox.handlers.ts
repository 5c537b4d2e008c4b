import { type Checkout, findCheckout } from "../../../db/checkouts";
import { database } from "../../../db/client";
import { randomHex } from "../../../lib/encoding";
import { problem } from "../../../lib/problem";
import { checkoutPage } from "../../../payments/checkout-page";
import { awaitsPayment } from "../../../payments/checkout-state";
import { paymentsMode } from "../../../payments/provider";
import { isSandboxSessionId } from "../../../payments/sandbox";
import { settlePayment } from "../../../workflows/settle-payment";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./sandbox.routes";

/** Session ids are capabilities: anything not shaped like one is never looked up. */
const SESSION_ID = /^cs_[A-Za-z0-9_]{1,200}$/;

const unknownSession = () => problem("not_found", "No checkout has this session id.");

const checkoutOf = async (env: Env, sessionId: string): Promise<Checkout> => {
  if (!SESSION_ID.test(sessionId)) throw unknownSession();
  const checkout = await findCheckout(database(env.DB), sessionId);
  if (!checkout) throw unknownSession();
  return checkout;
};

/**
 * The sandbox stands in for Stripe only while neither of Stripe's secrets is set, and
 * only for its own sessions: those Stripe opened are never paid here, even after
 * Stripe's secrets were removed.
 */
const sandboxCheckoutOf = (env: Env, sessionId: string) => {
  if (paymentsMode(env) !== "sandbox" || !isSandboxSessionId(sessionId)) throw unknownSession();
  return checkoutOf(env, sessionId);
};

const securityHeaders = (nonce: string) => ({
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
});

const pageResponse = (checkout: Checkout, sessionId: string, mode: "sandbox" | "return") => {
  const nonce = randomHex(16);
  const html = checkoutPage({ checkout, sessionId, mode, now: Date.now(), nonce });
  return new Response(html, { status: 200, headers: securityHeaders(nonce) });
};

export const checkout: AppRouteHandler<typeof routes.checkout> = async (c) => {
  const { sessionId } = c.req.valid("param");
  return pageResponse(await sandboxCheckoutOf(c.env, sessionId), sessionId, "sandbox");
};

/** Reports the click as Stripe's webhook would report the session, then shows the outcome. */
const settleBy =
  (outcome: "paid" | "failed"): AppRouteHandler<typeof routes.pay> =>
  async (c) => {
    const { sessionId } = c.req.valid("param");
    const checkout = await sandboxCheckoutOf(c.env, sessionId);
    // A second click, or a click after the hold was decided, changes nothing.
    if (awaitsPayment(checkout)) {
      await settlePayment(c.env, {
        id: `evt_sandbox_${randomHex(12)}`,
        outcome,
        bookingId: checkout.bookingId,
        eventId: checkout.eventId,
        sessionId,
        paymentIntentId: outcome === "paid" ? `pi_sandbox_${randomHex(12)}` : null,
      });
    }
    const location = `/sandbox/checkout/${encodeURIComponent(sessionId)}`;
    return new Response(null, { status: 303, headers: { Location: location } });
  };

export const pay = settleBy("paid");
export const decline = settleBy("failed");

export const paymentReturn: AppRouteHandler<typeof routes.paymentReturn> = async (c) => {
  const { session_id: sessionId } = c.req.valid("query");
  return pageResponse(await checkoutOf(c.env, sessionId), sessionId, "return");
};
