import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { expectProblem } from "../helpers";
import { bookingNow, formPost, paidBooking } from "./helpers";

describe("POST /sandbox/checkout/{sessionId}/pay and /decline", () => {
  it("answers 404 for an unknown or malformed session, and changes nothing", async () => {
    for (const id of ["cs_nope", "nope", "cs_%3Cb%3E"]) {
      expectProblem(await formPost(`/sandbox/checkout/${id}/pay`), 404, "not_found");
      expectProblem(await formPost(`/sandbox/checkout/${id}/decline`), 404, "not_found");
    }
  });
});

describe("the sandbox once Stripe is configured", () => {
  const withStripe = { ...env, STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };

  it("answers 404 on all three routes and leaves the booking awaiting payment", async () => {
    const { booking, attendee, sessionId } = await paidBooking();
    const app = createApp();
    const page = await app.request(`/sandbox/checkout/${sessionId}`, {}, withStripe);
    expect(page.status).toBe(404);
    expect((await page.json<{ code: string }>()).code).toBe("not_found");
    for (const action of ["pay", "decline"]) {
      const res = await app.request(
        `/sandbox/checkout/${sessionId}/${action}`,
        { method: "POST" },
        withStripe,
      );
      expect(res.status).toBe(404);
    }
    const now = await bookingNow(booking.id, attendee.token);
    expect(now.status).toBe("pending");
    expect(now.payment.status).toBe("requires_payment");
    const back = await app.request(`/payments/return?session_id=${sessionId}`, {}, withStripe);
    expect(back.status).toBe(200);
  });
});
