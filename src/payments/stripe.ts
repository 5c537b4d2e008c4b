import Stripe from "stripe";
import { type CheckoutRequest, type PaymentProvider, PROVIDER_TIMEOUT_MS } from "./provider";

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

/**
 * The official client in its Workers mode (fetch), aimed at STRIPE_API_URL. Each call is
 * bounded and tried once: whoever called retries it later, durably, with the same key.
 */
const stripeClient = (env: Env): Stripe => {
  const api = new URL(env.STRIPE_API_URL || "https://api.stripe.com");
  const protocol = api.protocol === "http:" ? "http" : "https";
  return new Stripe(env.STRIPE_SECRET_KEY ?? "", {
    httpClient: Stripe.createFetchHttpClient(),
    timeout: PROVIDER_TIMEOUT_MS,
    maxNetworkRetries: 0,
    host: api.hostname,
    port: api.port || (protocol === "http" ? 80 : 443),
    protocol,
  });
};

const returnUrl = (baseUrl: string) =>
  `${baseUrl.replace(/\/+$/, "")}/payments/return?session_id={CHECKOUT_SESSION_ID}`;

/** Every parameter comes from the request, fixed at the seat decision: a retry sends the same. */
const sessionParams = (request: CheckoutRequest): Stripe.Checkout.SessionCreateParams => {
  const metadata = {
    bookingId: request.bookingId,
    eventId: request.eventId,
    attendeeId: request.attendeeId,
  };
  return {
    mode: "payment",
    line_items: request.lines.map((line) => ({
      price_data: {
        currency: request.currency.toLowerCase(),
        unit_amount: line.unitAmount,
        product_data: { name: request.eventTitle, description: line.name },
      },
      quantity: line.quantity,
    })),
    client_reference_id: request.bookingId,
    metadata,
    payment_intent_data: { metadata },
    locale: checkoutLocale(request.locale),
    expires_at: Math.floor(request.expiresAt / 1000),
    success_url: returnUrl(request.baseUrl),
    cancel_url: returnUrl(request.baseUrl),
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
      const session = await stripe.checkout.sessions.create(sessionParams(request), {
        idempotencyKey: request.bookingId,
      });
      if (!session.url)
        throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
      return { id: session.id, url: session.url };
    },
    async refund({ bookingId, eventId, paymentIntentId }) {
      const metadata: Record<string, string> = eventId ? { bookingId, eventId } : { bookingId };
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: paymentIntentId, metadata },
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
    async expireCheckout(sessionId) {
      try {
        await stripe.checkout.sessions.expire(
          sessionId,
          {},
          { idempotencyKey: `expire-${sessionId}` },
        );
      } catch (error) {
        // Paid, expired or gone already: nothing is left to end.
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      }
    },
  };
};
