import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CheckoutRequest } from "../../../src/payments/provider";
import { stripeProvider } from "../../../src/payments/stripe";
import { unique } from "../../helpers";
import { stripeGet, stripeRequests } from "./stand-in";

const MINUTE = 60_000;

const checkout = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  bookingId: unique("bk"),
  eventId: "event-42",
  eventTitle: "Symfony Conference",
  attendeeId: "attendee-7",
  seats: 3,
  unitAmount: 4500,
  currency: "EUR",
  holdExpiresAt: Date.now() + 45 * MINUTE,
  locale: "fr",
  ...overrides,
});

const RETURN_URL = "http://api.test/payments/return?session_id={CHECKOUT_SESSION_ID}";

describe("Stripe Checkout through the official client", () => {
  it("opens a session form-encoded, with the bearer key and the booking as idempotency key", async () => {
    const request = checkout();
    const session = await stripeProvider(env).createCheckout(request);
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`https://checkout.stripe.com/c/pay/${session.id}`);

    const [sent] = await stripeRequests("/v1/checkout/sessions", request.bookingId);
    expect(sent?.method).toBe("POST");
    expect(sent?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(sent?.headers.authorization).toBe(`Bearer ${env.STRIPE_SECRET_KEY}`);
    expect(sent?.headers["idempotency-key"]).toBe(request.bookingId);
    const form = Object.fromEntries(new URLSearchParams(sent?.body));
    expect(form).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][currency]": "eur",
      "line_items[0][price_data][unit_amount]": "4500",
      "line_items[0][price_data][product_data][name]": "Symfony Conference",
      "line_items[0][quantity]": "3",
      client_reference_id: request.bookingId,
      "metadata[bookingId]": request.bookingId,
      "metadata[eventId]": "event-42",
      "metadata[attendeeId]": "attendee-7",
      "payment_intent_data[metadata][bookingId]": request.bookingId,
      "payment_intent_data[metadata][eventId]": "event-42",
      "payment_intent_data[metadata][attendeeId]": "attendee-7",
      locale: "fr",
      expires_at: String(Math.floor(request.holdExpiresAt / 1000)),
      success_url: RETURN_URL,
      cancel_url: RETURN_URL,
    });

    const stored = await stripeGet(`/v1/checkout/sessions/${session.id}`);
    expect(stored).toMatchObject({ amount_total: 13_500, currency: "eur", status: "open" });
  });

  it.each([
    ["a 30-minute hold", 30, 31 * 60],
    ["a 1440-minute hold", 1440, 24 * 3600 - 60],
  ])("keeps %s inside Stripe's window, a minute from each edge", async (_, minutes, offset) => {
    const request = checkout({ holdExpiresAt: Date.now() + minutes * MINUTE });
    const before = Math.floor(Date.now() / 1000);
    await stripeProvider(env).createCheckout(request);
    const after = Math.floor(Date.now() / 1000);
    const [sent] = await stripeRequests("/v1/checkout/sessions", request.bookingId);
    const expiresAt = Number(new URLSearchParams(sent?.body).get("expires_at"));
    expect(expiresAt).toBeGreaterThanOrEqual(before + offset);
    expect(expiresAt).toBeLessThanOrEqual(after + offset);
  });

  it("gives the same booking the same session, and refuses the key for another request", async () => {
    const request = checkout();
    const provider = stripeProvider(env);
    const [first, second] = await Promise.all([
      provider.createCheckout(request),
      provider.createCheckout(request),
    ]);
    expect(second).toEqual(first);
    expect(await stripeRequests("/v1/checkout/sessions", request.bookingId)).toHaveLength(2);
    await expect(provider.createCheckout({ ...request, seats: 4 })).rejects.toMatchObject({
      type: "StripeIdempotencyError",
      statusCode: 400,
    });
  });

  it.each([
    ["en-GB", "en-GB"],
    ["pt-PT", "pt"],
    ["de_AT", "de"],
    ["xx", "auto"],
  ])("asks Checkout for the attendee's locale %s as %s", async (locale, expected) => {
    const request = checkout({ locale });
    await stripeProvider(env).createCheckout(request);
    const [sent] = await stripeRequests("/v1/checkout/sessions", request.bookingId);
    expect(new URLSearchParams(sent?.body).get("locale")).toBe(expected);
  });

  it("fails loudly with a wrong secret key, opening nothing", async () => {
    const request = checkout();
    const wrong = stripeProvider({ ...env, STRIPE_SECRET_KEY: "sk_test_not_the_accounts" });
    await expect(wrong.createCheckout(request)).rejects.toMatchObject({
      type: "StripeAuthenticationError",
      statusCode: 401,
    });
  });
});
