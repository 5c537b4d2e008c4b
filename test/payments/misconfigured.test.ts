import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { anyone, as, bodyOf, expectProblem, raw } from "../client";
import { BASE, createEvent, eventOf, registerAttendee } from "../helpers";
import { ledgerRows } from "../races/invariants";
import { paidEvent } from "./helpers";
import { signWebhook, stripeEvent } from "./webhook-signing";

// This project's Worker has Stripe's webhook secret and no secret key: neither Stripe
// nor the sandbox may take payments, and nothing may pass for paid.

/** The same Worker with the other half: the secret key without the webhook secret. */
const keyOnly = async (path: string) => {
  const halfEnv = { ...env, STRIPE_SECRET_KEY: "sk_test_half", STRIPE_WEBHOOK_SECRET: undefined };
  const ctx = createExecutionContext();
  const res = await createApp().fetch(new Request(`${BASE}${path}`), halfEnv, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, body: await res.json() };
};

describe("payments with only one of Stripe's secrets", () => {
  it("refuse a paid booking with 500 misconfigured, holding no seat", async () => {
    const { event } = await paidEvent({ capacity: 1 });
    const attendee = await registerAttendee();
    const res = await as(attendee.token).api.bookings.$post({
      json: { eventId: event.id, attendeeId: attendee.id },
      header: { "idempotency-key": `half-${attendee.id}` },
    });
    const problem = await expectProblem(res, 500, "misconfigured");
    expect(problem.detail).not.toMatch(/STRIPE|sk_|whsec_/);
    expect(await ledgerRows(event.id)).toEqual([]);
    expect(await eventOf(event.id)).toMatchObject({
      availableSeats: 1,
      heldSeats: 0,
      bookedCount: 0,
    });
  });

  it("still book free events", async () => {
    const { org } = await paidEvent();
    const event = await createEvent(org.token, { capacity: 1 });
    const attendee = await registerAttendee();
    const res = await as(attendee.token).api.bookings.$post({
      json: { eventId: event.id, attendeeId: attendee.id },
      header: {},
    });
    expect((await bodyOf(res, 201)).status).toBe("confirmed");
  });

  it("make /health answer 503, naming payments as misconfigured", async () => {
    const expected = { status: "error", db: "ok", payments: "misconfigured" };
    const res = await anyone.health.$get();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual(expected);
    expect(await keyOnly("/health")).toEqual({ status: 503, body: expected });
  });

  it("refuse a webhook even when signed with the configured secret", async () => {
    const body = JSON.stringify(
      stripeEvent("checkout.session.completed", {
        id: "cs_test_half",
        object: "checkout.session",
        payment_status: "paid",
        client_reference_id: "bk-half",
        metadata: { bookingId: "bk-half", eventId: "event-half" },
      }),
    );
    const signature = await signWebhook(body, env.STRIPE_WEBHOOK_SECRET ?? "");
    // Raw: the signature covers these exact bytes.
    const res = await raw("POST", "/api/payments/stripe/webhook", {
      body,
      headers: { "Stripe-Signature": signature },
    });
    await expectProblem(res, 400, "invalid_signature");
  });
});
