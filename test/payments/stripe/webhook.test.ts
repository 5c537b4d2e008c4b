import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PaymentSettlement } from "../../../src/payments/provider";
import { BASE } from "../../helpers";
import { signWebhook, stripeEvent } from "../webhook-signing";

// The ledger's side of a settlement is tested with the ledger; here: what reaches it. The
// Worker's entry is loaded before any test, so the app is imported afresh for the mock to hold.
const settled = vi.hoisted(() => [] as PaymentSettlement[]);
vi.mock("../../../src/workflows/settle-payment", () => ({
  settlePayment: async (_env: Env, settlement: PaymentSettlement) => {
    settled.push(settlement);
  },
}));

const PATH = "/api/payments/stripe/webhook";

const paidSession = (bookingId: string) => ({
  id: `cs_test_${bookingId}`,
  object: "checkout.session",
  mode: "payment",
  status: "complete",
  payment_status: "paid",
  client_reference_id: bookingId,
  metadata: { bookingId, eventId: "event-1", attendeeId: "attendee-1" },
  payment_intent: `pi_${bookingId}`,
});

let app: ReturnType<typeof import("../../../src/app").createApp>;

beforeAll(async () => {
  vi.resetModules();
  app = (await import("../../../src/app")).createApp();
});

// The files after this one run in the same runtime (isolate: false): they get the real app.
afterAll(() => {
  vi.doUnmock("../../../src/workflows/settle-payment");
  vi.resetModules();
});

const deliver = async (body: string, signature?: string, headers: Record<string, string> = {}) => {
  const request = new Request(`${BASE}${PATH}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      ...(signature ? { "Stripe-Signature": signature } : {}),
      ...headers,
    },
  });
  const ctx = createExecutionContext();
  const res = await app.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
};

const expectInvalidSignature = (res: { status: number; headers: Headers; body: any }) => {
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({
    status: 400,
    code: "invalid_signature",
    title: "Invalid signature",
  });
};

/**
 * Stripe requests that name `about` (in their URL or body). Files before this one leave
 * refunds retrying in the same runtime, so a count of every Stripe request would see theirs.
 */
const stripeRequestCount = async (about: string) => {
  const all = (await (await fetch("http://standin.test/requests")).json()) as {
    url: string;
    body: string;
  }[];
  return all.filter(
    (request) =>
      request.url.startsWith("https://api.stripe.com/") &&
      `${request.url} ${request.body}`.includes(about),
  ).length;
};

beforeEach(() => {
  settled.length = 0;
});

describe("POST /api/payments/stripe/webhook with Stripe configured", () => {
  it("hands a verified, paid checkout to the ledger and answers 200", async () => {
    const event = stripeEvent("checkout.session.completed", paidSession("bk-paid"));
    const body = JSON.stringify(event);
    const res = await deliver(body, await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? ""));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true });
    expect(settled).toEqual([
      {
        id: event.id,
        outcome: "paid",
        bookingId: "bk-paid",
        eventId: "event-1",
        sessionId: "cs_test_bk-paid",
        paymentIntentId: "pi_bk-paid",
      },
    ]);
  });

  it("verifies the exact bytes Stripe sent, whitespace included", async () => {
    const body = JSON.stringify(
      stripeEvent("checkout.session.expired", paidSession("bk-raw")),
      null,
      2,
    );
    const res = await deliver(body, await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? ""));
    expect(res.status).toBe(200);
    expect(settled.map((s) => [s.bookingId, s.outcome])).toEqual([["bk-raw", "expired"]]);
  });

  it.each([
    ["signed with another secret", { secret: "whsec_not_this_endpoints" }],
    ["signed more than 300 seconds ago", { ageSeconds: 301 }],
    ["stamped six minutes ahead of our clock", { ageSeconds: -360 }],
    ["stamped an hour ahead of our clock", { ageSeconds: -3600 }],
  ])("refuses an event %s, changing nothing", async (_, options) => {
    const body = JSON.stringify(stripeEvent("checkout.session.completed", paidSession("bk-bad")));
    const signature = await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? "", options);
    expectInvalidSignature(await deliver(body, signature));
    expect(settled).toEqual([]);
  });

  it("accepts a signature stamped a little ahead of our clock: skew goes either way", async () => {
    const body = JSON.stringify(stripeEvent("checkout.session.expired", paidSession("bk-ahead")));
    const signature = await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? "", {
      ageSeconds: -240,
    });
    expect((await deliver(body, signature)).status).toBe(200);
    expect(settled.map((s) => s.bookingId)).toEqual(["bk-ahead"]);
  });

  it("refuses a body changed after signing", async () => {
    const body = JSON.stringify(
      stripeEvent("checkout.session.completed", paidSession("bk-tamper")),
    );
    const signature = await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? "");
    expectInvalidSignature(await deliver(body.replace("bk-tamper", "bk-other"), signature));
    expect(settled).toEqual([]);
  });

  it("refuses an event without a Stripe-Signature header, or with a malformed one", async () => {
    const body = JSON.stringify(stripeEvent("checkout.session.completed", paidSession("bk-none")));
    expectInvalidSignature(await deliver(body));
    expectInvalidSignature(await deliver(body, "t=oops,v1=zz"));
    expectInvalidSignature(await deliver(body, "v1"));
    expect(settled).toEqual([]);
  });

  it("acknowledges an event type it has no use for, calling nothing", async () => {
    const before = await stripeRequestCount("cus_1");
    const body = JSON.stringify(
      stripeEvent("customer.created", { id: "cus_1", object: "customer" }),
    );
    const res = await deliver(body, await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? ""));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true });
    expect(settled).toEqual([]);
    expect(await stripeRequestCount("cus_1")).toBe(before);
  });

  it("acknowledges a completed checkout still unpaid: the async outcome follows", async () => {
    const session = { ...paidSession("bk-async"), payment_status: "unpaid", payment_intent: null };
    const body = JSON.stringify(stripeEvent("checkout.session.completed", session));
    const res = await deliver(body, await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? ""));
    expect(res.status).toBe(200);
    expect(settled).toEqual([]);
  });

  it("answers a signed body that is not an event with 400, never a 5xx", async () => {
    for (const body of ["not json", "[]", "null", '{"type":"checkout.session.completed"}']) {
      const res = await deliver(body, await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? ""));
      expect([200, 400], body).toContain(res.status);
    }
    const garbage = "not json";
    expectInvalidSignature(
      await deliver(garbage, await signWebhook(garbage, env.STRIPE_WEBHOOK_SECRET ?? "")),
    );
    expect(settled).toEqual([]);
  });

  it("refuses a body over 256 KiB with 413, signed or not", async () => {
    const padding = "x".repeat(300 * 1024);
    const body = JSON.stringify({
      ...stripeEvent("checkout.session.completed", paidSession("bk-big")),
      padding,
    });
    const res = await deliver(body, await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? ""));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: "payload_too_large" });
    expect(settled).toEqual([]);
  });

  it("reads a body Stripe sends with a charset", async () => {
    const body = JSON.stringify(
      stripeEvent("checkout.session.async_payment_failed", paidSession("bk-cs")),
    );
    const signature = await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? "");
    const res = await deliver(body, signature, {
      "Content-Type": "application/json; charset=utf-8",
    });
    expect(res.status).toBe(200);
    expect(settled.map((s) => s.outcome)).toEqual(["failed"]);
  });
});
