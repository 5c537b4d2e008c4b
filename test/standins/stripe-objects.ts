import { randomBytes } from "node:crypto";
import { type Form, integer, object, text } from "./stripe-form.ts";

/** Stripe's error object: `{ error: { type, code, message, param } }`. */
export interface StripeError {
  status: number;
  type: "invalid_request_error" | "idempotency_error" | "api_error";
  code?: string;
  param?: string;
  message: string;
}

export type StripeObject = Record<string, unknown>;
export type Outcome = { status: number; body: StripeObject } | StripeError;

const CHECKOUT_LOCALES = new Set(
  "auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hi-IN hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW".split(
    " ",
  ),
);

const isUrl = (value: string) => {
  try {
    return Boolean(new URL(value));
  } catch {
    return false;
  }
};

export const stripeId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

const invalid = (
  param: string,
  message: string,
  code = "parameter_invalid_integer",
): StripeError => ({
  status: 400,
  type: "invalid_request_error",
  code,
  param,
  message,
});
const missing = (param: string) =>
  invalid(param, `Missing required param: ${param}.`, "parameter_missing");

/** Stripe checks every line item: a price in a currency, a name, a positive quantity. */
const lineItemProblem = (items: Form | undefined): StripeError | null => {
  const keys = Object.keys(items ?? {});
  if (keys.length === 0) return missing("line_items");
  for (const [n, key] of keys.entries()) {
    const at = `line_items[${n}]`;
    const item = object(items?.[String(n)]);
    if (!item || key !== String(n)) return missing(at);
    const price = object(item.price_data);
    if (!price) return missing(`${at}[price_data]`);
    if (!/^[a-z]{3}$/i.test(text(price.currency) ?? "")) {
      return invalid(`${at}[price_data][currency]`, "Invalid currency.", "invalid_currency");
    }
    if ((integer(price.unit_amount) ?? 0) < 1) {
      return invalid(`${at}[price_data][unit_amount]`, "Invalid positive integer");
    }
    if (!text(object(price.product_data)?.name)) {
      return missing(`${at}[price_data][product_data][name]`);
    }
    const quantity = integer(item.quantity);
    if (quantity === undefined || quantity < 1) {
      return invalid(`${at}[quantity]`, "Invalid positive integer");
    }
  }
  return null;
};

const expiryProblem = (value: Form[string] | undefined): StripeError | null => {
  if (value === undefined) return null;
  const at = integer(value);
  if (at === undefined) return invalid("expires_at", "Invalid integer");
  const now = nowSeconds();
  if (at < now + 30 * 60) {
    return invalid(
      "expires_at",
      "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
      "parameter_invalid_integer",
    );
  }
  if (at > now + 24 * 60 * 60) {
    return invalid(
      "expires_at",
      "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
      "parameter_invalid_integer",
    );
  }
  return null;
};

const sessionProblem = (form: Form): StripeError | null => {
  if (!text(form.mode)) return missing("mode");
  if (text(form.mode) !== "payment")
    return invalid("mode", "Only payment mode is played here.", "parameter_unknown");
  const problem = lineItemProblem(object(form.line_items)) ?? expiryProblem(form.expires_at);
  if (problem) return problem;
  if (!isUrl(text(form.success_url) ?? "")) return missing("success_url");
  if (form.cancel_url !== undefined && !isUrl(text(form.cancel_url) ?? "")) {
    return invalid("cancel_url", "Not a valid URL", "url_invalid");
  }
  if (form.locale !== undefined && !CHECKOUT_LOCALES.has(text(form.locale) ?? "")) {
    return invalid("locale", "Invalid locale.", "parameter_invalid_string");
  }
  return (text(form.client_reference_id)?.length ?? 0) > 200
    ? invalid("client_reference_id", "Too long.", "parameter_invalid_string")
    : null;
};

/** A Checkout Session as Stripe answers it, open and unpaid. */
export const checkoutSession = (form: Form): Outcome => {
  const problem = sessionProblem(form);
  if (problem) return problem;
  const items = Object.values(object(form.line_items) ?? {}).map((entry) => object(entry) ?? {});
  const priceOf = (item: Form) => object(item.price_data) ?? {};
  const price = priceOf(items[0] ?? {});
  const id = stripeId("cs_test");
  const created = nowSeconds();
  const body = {
    id,
    object: "checkout.session",
    mode: "payment",
    status: "open",
    payment_status: "unpaid",
    url: `https://checkout.stripe.com/c/pay/${id}`,
    amount_total: items.reduce(
      (total, item) =>
        total + (integer(priceOf(item).unit_amount) ?? 0) * (integer(item.quantity) ?? 0),
      0,
    ),
    currency: text(price.currency)?.toLowerCase(),
    client_reference_id: text(form.client_reference_id) ?? null,
    metadata: object(form.metadata) ?? {},
    locale: text(form.locale) ?? null,
    success_url: text(form.success_url),
    cancel_url: text(form.cancel_url) ?? null,
    payment_intent: null,
    created,
    expires_at: integer(form.expires_at) ?? created + 24 * 60 * 60,
  };
  return { status: 200, body };
};
