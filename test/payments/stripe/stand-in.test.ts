import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { unique } from "../../helpers";

const now = () => Math.floor(Date.now() / 1000);

const valid = () => ({
  mode: "payment",
  "line_items[0][price_data][currency]": "eur",
  "line_items[0][price_data][unit_amount]": "1000",
  "line_items[0][price_data][product_data][name]": "Symfony Conference",
  "line_items[0][quantity]": "1",
  expires_at: String(now() + 3600),
  success_url: "http://api.test/payments/return",
});

const post = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
  const res = await fetch("https://api.stripe.com/v1/checkout/sessions", {
    method: "POST",
    headers: {
      Authorization: `Bearer ${env.STRIPE_SECRET_KEY}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Idempotency-Key": unique("key"),
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as any };
};

// The provider's tests mean something only if the stand-in refuses what Stripe refuses.
describe("the Stripe stand-in", () => {
  it("accepts a valid session", async () => {
    expect((await post(valid())).status).toBe(200);
  });

  it.each([
    ["expires_at", String(now() + 29 * 60)],
    ["expires_at", String(now() + 24 * 3600 + 60)],
    ["line_items[0][price_data][unit_amount]", "0"],
    ["line_items[0][price_data][unit_amount]", "12.5"],
    ["line_items[0][quantity]", "0"],
    ["line_items[0][price_data][currency]", "euro"],
    ["mode", "subscription"],
    ["success_url", ""],
    ["locale", "xx"],
  ])("refuses %s = %s with Stripe's error shape", async (param, value) => {
    const res = await post({ ...valid(), [param]: value });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: "invalid_request_error" });
    expect(res.body.error.message).toEqual(expect.any(String));
  });

  it("refuses a missing or wrong key with 401, and a JSON body with 400", async () => {
    expect((await post(valid(), { Authorization: "" })).status).toBe(401);
    const wrong = await post(valid(), { Authorization: "Bearer sk_test_wrong" });
    expect(wrong).toMatchObject({
      status: 401,
      body: { error: { type: "invalid_request_error" } },
    });
    expect((await post(valid(), { "Content-Type": "application/json" })).status).toBe(400);
  });

  it("replays a key's first answer, and refuses the key for other parameters", async () => {
    const key = unique("key");
    const first = await post(valid(), { "Idempotency-Key": key });
    const again = await post(valid(), { "Idempotency-Key": key });
    expect(again.body.id).toBe(first.body.id);
    const other = await post(
      { ...valid(), "line_items[0][quantity]": "2" },
      { "Idempotency-Key": key },
    );
    expect(other).toMatchObject({ status: 400, body: { error: { type: "idempotency_error" } } });
  });
});
