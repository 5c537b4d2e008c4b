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
  seats: 5,
  lines: [
    { name: "Regular", unitAmount: 4500, quantity: 3 },
    { name: "VIP", unitAmount: 9000, quantity: 2 },
  ],
  currency: "EUR",
  expiresAt: Date.now() + 45 * MINUTE,
  baseUrl: "http://api.test",
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
      "line_items[0][price_data][product_data][description]": "Regular",
      "line_items[0][quantity]": "3",
      "line_items[1][price_data][currency]": "eur",
      "line_items[1][price_data][unit_amount]": "9000",
      "line_items[1][price_data][product_data][description]": "VIP",
      "line_items[1][quantity]": "2",
      client_reference_id: request.bookingId,
      "metadata[bookingId]": request.bookingId,
      "metadata[eventId]": "event-42",
      "metadata[attendeeId]": "attendee-7",
      "payment_intent_data[metadata][bookingId]": request.bookingId,
      "payment_intent_data[metadata][eventId]": "event-42",
      "payment_intent_data[metadata][attendeeId]": "attendee-7",
      locale: "fr",
      expires_at: String(Math.floor(request.expiresAt / 1000)),
      success_url: RETURN_URL,
      cancel_url: RETURN_URL,
    });

    const stored = await stripeGet(`/v1/checkout/sessions/${session.id}`);
    expect(stored).toMatchObject({ amount_total: 31_500, currency: "eur", status: "open" });
  });

  it("sends the expiry fixed with the hold, so a later retry is the same request", async () => {
    const request = checkout({ expiresAt: Date.now() + 31 * MINUTE });
    const provider = stripeProvider(env);
    const first = await provider.createCheckout(request);
    // A retry minutes later sends exactly the first parameters, and Stripe replays the session.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await provider.createCheckout({ ...request })).toEqual(first);
    const sent = await stripeRequests("/v1/checkout/sessions", request.bookingId);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body).toBe(sent[0]?.body);
  });

  it("links back to the origin it is given", async () => {
    const request = checkout({ baseUrl: "http://localhost:8801" });
    await stripeProvider(env).createCheckout(request);
    const [sent] = await stripeRequests("/v1/checkout/sessions", request.bookingId);
    expect(new URLSearchParams(sent?.body).get("success_url")).toBe(
      "http://localhost:8801/payments/return?session_id={CHECKOUT_SESSION_ID}",
    );
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
    await expect(
      provider.createCheckout({ ...request, lines: request.lines.slice(1) }),
    ).rejects.toMatchObject({
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
