import Stripe from "stripe";
import { type PaymentSettlement, paymentsMode } from "./provider";

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** How far Stripe's clock and ours may disagree, either way; the library bounds only the past. */
const MAX_SKEW_SECONDS = 300;

/** The `t=` that Stripe's library reads from the header (the last one), in Unix seconds. */
const signedAt = (signature: string): number => {
  const stamp = signature.split(",").findLast((item) => item.startsWith("t="));
  return stamp === undefined ? Number.NaN : Number.parseInt(stamp.slice(2), 10);
};

/** A signature stamped ahead of our clock by more than the skew, or unreadably, is refused. */
const isStampedAhead = (signature: string, now: number) => {
  const ahead = signedAt(signature) - Math.floor(now / 1000);
  return Number.isNaN(ahead) || ahead > MAX_SKEW_SECONDS;
};

/**
 * The event Stripe signed, or null when it cannot be trusted: Stripe not (wholly)
 * configured, no `Stripe-Signature` header, a wrong signature, or a timestamp more than
 * 300 seconds from our clock, before or after it.
 */
export const verifyStripeWebhook = async (
  env: Env,
  rawBody: string,
  signature: string | null,
): Promise<Stripe.Event | null> => {
  const secret = env.STRIPE_WEBHOOK_SECRET;
  if (paymentsMode(env) !== "stripe" || !secret || !signature) return null;
  if (isStampedAhead(signature, Date.now())) return null;
  try {
    return await Stripe.webhooks.constructEventAsync(
      rawBody,
      signature,
      secret,
      MAX_SKEW_SECONDS,
      cryptoProvider,
    );
  } catch {
    // A bad signature, or a signed body that is not JSON: either way nothing to act on.
    return null;
  }
};

type Outcome = PaymentSettlement["outcome"];

const outcomeOf = (
  event: Stripe.Event,
  session: Partial<Stripe.Checkout.Session>,
): Outcome | null => {
  switch (event.type) {
    case "checkout.session.completed":
      // "unpaid": a delayed method (a bank debit) whose result arrives as a later event.
      return session.payment_status === "paid" || session.payment_status === "no_payment_required"
        ? "paid"
        : null;
    case "checkout.session.async_payment_succeeded":
      return "paid";
    case "checkout.session.async_payment_failed":
      return "failed";
    case "checkout.session.expired":
      return "expired";
    default:
      return null;
  }
};

const textOrNull = (value: unknown): string | null =>
  typeof value === "string" && value !== "" ? value : null;

const paymentIntentOf = (session: Partial<Stripe.Checkout.Session>): string | null => {
  const intent: unknown = session.payment_intent;
  if (typeof intent === "string") return textOrNull(intent);
  return intent && typeof intent === "object" ? textOrNull((intent as { id?: unknown }).id) : null;
};

/** What a Checkout event means for its booking, or null when it decides nothing. */
export const settlementOf = (event: Stripe.Event): PaymentSettlement | null => {
  // Signed by Stripe, yet parsed without a schema: read every field defensively.
  const session = (event.data?.object ?? {}) as Partial<Stripe.Checkout.Session>;
  if (typeof session !== "object" || session.object !== "checkout.session") return null;
  const outcome = outcomeOf(event, session);
  const bookingId =
    textOrNull(session.client_reference_id) ?? textOrNull(session.metadata?.bookingId);
  const sessionId = textOrNull(session.id);
  if (!outcome || !bookingId || !sessionId || !textOrNull(event.id)) return null;
  return {
    id: event.id,
    outcome,
    bookingId,
    eventId: textOrNull(session.metadata?.eventId),
    sessionId,
    paymentIntentId: paymentIntentOf(session),
  };
};
