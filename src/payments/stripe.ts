import Stripe from "stripe";
import type { CheckoutRequest, PaymentProvider } from "./provider";

/** In seconds, as `expires_at` counts. */
const MINUTE = 60;
/** Stripe accepts `expires_at` from 30 minutes to 24 hours after creation; a minute of margin each side. */
const EARLIEST_EXPIRY = 31 * MINUTE;
const LATEST_EXPIRY = 24 * 60 * MINUTE - MINUTE;

/** Checkout's page languages (Stripe's Checkout Session `locale`). */
const CHECKOUT_LOCALES = new Set(
  (
    "bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hi-IN hr hu id it ja ko lt lv ms mt nb " +
    "nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW"
  ).split(" "),
);

/** The attendee's language when Checkout speaks it (exactly, or its base language), else Stripe's guess. */
export const checkoutLocale = (locale: string): Stripe.Checkout.SessionCreateParams.Locale => {
  if (CHECKOUT_LOCALES.has(locale)) return locale as Stripe.Checkout.SessionCreateParams.Locale;
  const base = locale.split(/[-_]/)[0]?.toLowerCase() ?? "";
  return CHECKOUT_LOCALES.has(base) ? (base as Stripe.Checkout.SessionCreateParams.Locale) : "auto";
};

/** The hold's end in epoch seconds, moved into the window Stripe accepts from `nowMs`. */
export const checkoutExpiry = (holdExpiresAt: number, nowMs = Date.now()): number => {
  const now = Math.floor(nowMs / 1000);
  const hold = Math.floor(holdExpiresAt / 1000);
  return Math.min(Math.max(hold, now + EARLIEST_EXPIRY), now + LATEST_EXPIRY);
};

/** The official client in its Workers mode (fetch), aimed at STRIPE_API_URL. */
const stripeClient = (env: Env): Stripe => {
  const api = new URL(env.STRIPE_API_URL || "https://api.stripe.com");
  const protocol = api.protocol === "http:" ? "http" : "https";
  return new Stripe(env.STRIPE_SECRET_KEY ?? "", {
    httpClient: Stripe.createFetchHttpClient(),
    host: api.hostname,
    port: api.port || (protocol === "http" ? 80 : 443),
    protocol,
  });
};

const returnUrl = (env: Env) =>
  `${env.PUBLIC_URL.replace(/\/+$/, "")}/payments/return?session_id={CHECKOUT_SESSION_ID}`;

const sessionParams = (env: Env, request: CheckoutRequest): Stripe.Checkout.SessionCreateParams => {
  const metadata = {
    bookingId: request.bookingId,
    eventId: request.eventId,
    attendeeId: request.attendeeId,
  };
  return {
    mode: "payment",
    line_items: [
      {
        price_data: {
          currency: request.currency.toLowerCase(),
          unit_amount: request.unitAmount,
          product_data: { name: request.eventTitle },
        },
        quantity: request.seats,
      },
    ],
    client_reference_id: request.bookingId,
    metadata,
    payment_intent_data: { metadata },
    locale: checkoutLocale(request.locale),
    expires_at: checkoutExpiry(request.holdExpiresAt),
    success_url: returnUrl(env),
    cancel_url: returnUrl(env),
  };
};

const alreadyRefunded = (error: unknown) =>
  error instanceof Stripe.errors.StripeError && error.code === "charge_already_refunded";

/** Payments through Stripe Checkout; every call is idempotent per booking. */
export const stripeProvider = (env: Env): PaymentProvider => {
  const stripe = stripeClient(env);
  return {
    kind: "stripe",
    async createCheckout(request) {
      const session = await stripe.checkout.sessions.create(sessionParams(env, request), {
        idempotencyKey: request.bookingId,
      });
      if (!session.url)
        throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
      return { id: session.id, url: session.url };
    },
    async refund({ bookingId, paymentIntentId }) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: paymentIntentId, metadata: { bookingId } },
          { idempotencyKey: `refund-${bookingId}` },
        );
        return { id: refund.id };
      } catch (error) {
        if (!alreadyRefunded(error)) throw error;
        // Refunded before (by another path, or by hand in the dashboard): name that refund.
        const earlier = await stripe.refunds.list({ payment_intent: paymentIntentId, limit: 1 });
        return { id: earlier.data[0]?.id ?? paymentIntentId };
      }
    },
  };
};
