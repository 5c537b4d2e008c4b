import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { paymentProvider } from "../../src/payments";
import { paymentsMode } from "../../src/payments/provider";
import { sandboxProvider } from "../../src/payments/sandbox";
import { expectProblem, raw } from "../client";
import { signWebhook, stripeEvent } from "./webhook-signing";

const request = {
  bookingId: "bk-sandbox",
  eventId: "ev-1",
  eventTitle: "Symfony Conference",
  attendeeId: "at-1",
  seats: 1,
  lines: [{ name: "General admission", unitAmount: 1000, quantity: 1 }],
  currency: "EUR",
  expiresAt: Date.now() + 45 * 60_000,
  baseUrl: "http://api.test",
  locale: "en",
};

const stripeRequestCount = async () => {
  const all = (await (await fetch("http://standin.test/requests")).json()) as { url: string }[];
  return all.filter((sent) => new URL(sent.url).hostname === "api.stripe.com").length;
};

describe("payments without Stripe's secrets", () => {
  it("go through the sandbox, whose checkout is a page of this API", async () => {
    const before = await stripeRequestCount();
    const provider = paymentProvider(env);
    expect(provider.kind).toBe("sandbox");
    const session = await provider.createCheckout(request);
    expect(session.id).toMatch(/^cs_sandbox_[0-9a-f]{32}$/);
    expect(session.url).toBe(`http://api.test/sandbox/checkout/${session.id}`);
    expect((await provider.createCheckout(request)).id).not.toBe(session.id);
    const refund = await provider.refund({
      bookingId: "bk-sandbox",
      paymentIntentId: "pi_x",
      amount: 1000,
      currency: "EUR",
    });
    expect(refund.id).toMatch(/^re_sandbox_[0-9a-f]+$/);
    expect(await stripeRequestCount()).toBe(before);
  });

  it("use Stripe only when both of its secrets are set, and nothing when only one is", () => {
    const key = { STRIPE_SECRET_KEY: "sk_test_1" };
    const hook = { STRIPE_WEBHOOK_SECRET: "whsec_1" };
    expect(paymentsMode(env)).toBe("sandbox");
    expect(paymentsMode({ ...env, ...key, ...hook })).toBe("stripe");
    expect(paymentProvider({ ...env, ...key, ...hook }).kind).toBe("stripe");
    for (const half of [key, hook]) {
      expect(paymentsMode({ ...env, ...half })).toBe("misconfigured");
      expect(() => paymentProvider({ ...env, ...half })).toThrow(
        expect.objectContaining({ code: "misconfigured", status: 500 }),
      );
    }
    expect(sandboxProvider().kind).toBe("sandbox");
  });

  it("refuse every Stripe webhook, even one signed correctly, as there is no secret to check it", async () => {
    const body = JSON.stringify(
      stripeEvent("checkout.session.completed", {
        id: "cs_1",
        object: "checkout.session",
        payment_status: "paid",
        client_reference_id: "bk-1",
      }),
    );
    for (const signature of [await signWebhook(body, "whsec_any"), undefined]) {
      // Raw: the signature covers these exact bytes.
      const res = await raw("POST", "/api/payments/stripe/webhook", {
        body,
        headers: signature ? { "Stripe-Signature": signature } : {},
      });
      await expectProblem(res, 400, "invalid_signature");
    }
  });
});
