/**
 * What the booking engine asks of a payment provider. Stripe plays it when its secrets
 * are set; when neither is, the built-in sandbox does, with the same shapes, so a booking
 * takes the same path either way.
 */
export interface CheckoutRequest {
  bookingId: string;
  eventId: string;
  eventTitle: string;
  attendeeId: string;
  seats: number;
  /** One line per ticket type that costs something: the checkout's line items. */
  lines: CheckoutLine[];
  /** ISO 4217, upper case. */
  currency: string;
  /**
   * Epoch milliseconds: when the session expires. Fixed when the hold was decided, so a
   * retry sends exactly the parameters of the first attempt.
   */
  expiresAt: number;
  /** Where the attendee reached this API: the session's return links start with it. */
  baseUrl: string;
  /** The attendee's locale, for the checkout page. */
  locale: string;
}

export interface CheckoutLine {
  /** The ticket type's name. */
  name: string;
  /** Price of one seat after any discount, in the currency's minor unit. */
  unitAmount: number;
  quantity: number;
}

export interface CheckoutSession {
  id: string;
  /** Where the attendee pays: Stripe's hosted page, or the sandbox's. */
  url: string;
}

export interface RefundRequest {
  bookingId: string;
  /** For the record, in the refund's metadata; null when no event is known any more. */
  eventId?: string | null;
  /** What the payment was made with: Stripe's PaymentIntent id (`pi_…`). */
  paymentIntentId: string;
  /** For the record: the whole payment is refunded, whatever it was. */
  amount?: number;
  currency?: string;
}

export interface PaymentProvider {
  readonly kind: "stripe" | "sandbox";
  /** Idempotent per booking: a retry for the same booking gets the same session back. */
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Idempotent per booking: refunding twice refunds once. */
  refund(request: RefundRequest): Promise<{ id: string }>;
  /** Ends a session that was not paid, so it can no longer be; one already ended is left be. */
  expireCheckout(sessionId: string): Promise<void>;
}

/**
 * How long one call to a provider may take. Workers give an outbound fetch no timeout
 * of its own; a provider that accepts the connection and never answers must cost a
 * retry later, never a request's answer or a consumer's batch.
 */
export const PROVIDER_TIMEOUT_MS = 8_000;

/**
 * A provider's report about one checkout, as the ledger decides on it: a verified
 * webhook event, or a click in the sandbox. `id` is the provider's event id, handled once.
 */
export interface PaymentSettlement {
  id: string;
  outcome: "paid" | "failed" | "expired";
  bookingId: string;
  /** Taken from the session's metadata; null when the session did not carry it. */
  eventId: string | null;
  sessionId: string;
  paymentIntentId: string | null;
}

export type PaymentsMode = "stripe" | "sandbox" | "misconfigured";

/**
 * Stripe with both of its secrets, the sandbox with neither. One alone is a deployment
 * mistake, never the sandbox: its Pay button would hand out paid seats for free.
 */
export const paymentsMode = (env: Env): PaymentsMode => {
  const key = Boolean(env.STRIPE_SECRET_KEY);
  const webhook = Boolean(env.STRIPE_WEBHOOK_SECRET);
  if (key !== webhook) return "misconfigured";
  return key ? "stripe" : "sandbox";
};

/** What callers are told meanwhile; which secret is missing is for the operator's eyes. */
export const MISCONFIGURED_PAYMENTS = "Payments are not configured on this server.";
