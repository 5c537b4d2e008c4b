import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { expectProblem } from "../client";
import { bookingNow, formPost, paidBooking } from "./helpers";

describe("POST /sandbox/checkout/{sessionId}/pay and /decline", () => {
  it("answers 404 for an unknown or malformed session, and changes nothing", async () => {
    for (const id of ["cs_nope", "nope", "cs_%3Cb%3E"]) {
      await expectProblem(await formPost(`/sandbox/checkout/${id}/pay`), 404, "not_found");
      await expectProblem(await formPost(`/sandbox/checkout/${id}/decline`), 404, "not_found");
    }
  });
});

/** The sandbox's three routes for this session, with these bindings: every status. */
const sandboxStatuses = async (sessionId: string, bindings: Env = env) => {
  const app = createApp();
  const page = await app.request(`/sandbox/checkout/${sessionId}`, {}, bindings);
  const actions = ["pay", "decline"].map((action) =>
    app.request(`/sandbox/checkout/${sessionId}/${action}`, { method: "POST" }, bindings),
  );
  return [page, ...(await Promise.all(actions))].map((res) => res.status);
};

describe.each([
  [
    "once Stripe is configured",
    { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" },
  ],
  ["with only Stripe's secret key", { STRIPE_SECRET_KEY: "sk_test_x" }],
  ["with only Stripe's webhook secret", { STRIPE_WEBHOOK_SECRET: "whsec_x" }],
])("the sandbox %s", (_, secrets) => {
  const bindings = { ...env, ...secrets };

  it("answers 404 on all three routes and leaves the booking awaiting payment", async () => {
    const { booking, attendee, sessionId } = await paidBooking();
    expect(await sandboxStatuses(sessionId, bindings)).toEqual([404, 404, 404]);
    const now = await bookingNow(booking.id, attendee.token);
    expect(now.status).toBe("pending");
    expect(now.payment?.status).toBe("requires_payment");
    const back = await createApp().request(
      `/payments/return?session_id=${sessionId}`,
      {},
      bindings,
    );
    expect(back.status).toBe(200);
  });
});

describe("the sandbox and Stripe's sessions", () => {
  // A deployment that drops Stripe's secrets still has Stripe's sessions in D1: the
  // sandbox must never let one of them be "paid" with a click.
  it.each(["cs_test_", "cs_live_"])(
    "answers 404 for a %s… session, and changes nothing",
    async (prefix) => {
      const { booking, attendee, sessionId } = await paidBooking();
      const stripeId = `${prefix}${sessionId.slice("cs_sandbox_".length)}`;
      await env.DB.prepare("UPDATE bookings SET payment_session_id = ? WHERE id = ?")
        .bind(stripeId, booking.id)
        .run();
      expect(await sandboxStatuses(stripeId)).toEqual([404, 404, 404]);
      const now = await bookingNow(booking.id, attendee.token);
      expect(now.status).toBe("pending");
      expect(now.payment?.status).toBe("requires_payment");
    },
  );
});
