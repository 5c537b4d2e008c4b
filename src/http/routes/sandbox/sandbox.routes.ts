import { z } from "@hono/zod-openapi";
import { publicRoute } from "../../route";
import { problems } from "../../schemas/common";

const tags = ["Payments"];

/** Not validated here: a malformed id is as unknown as a wrong one, so both answer 404. */
const SessionParam = z.object({
  sessionId: z.string().openapi({
    param: { name: "sessionId", in: "path", required: true },
    description:
      "The sandbox session's id (`cs_sandbox_` and 32 hex digits), as the booking's `payment.checkoutUrl` names it; any other id, Stripe's included, is unknown here",
    example: "cs_sandbox_6f1c2a9b0d3e4f5a6b7c8d9e0f1a2b3c",
  }),
});

const page = (description: string) => ({
  description,
  headers: {
    "Content-Security-Policy": {
      description: "No scripts; forms post only to this origin; no framing",
      schema: { type: "string" as const },
    },
  },
  content: { "text/html": { schema: z.string().openapi({ example: "<!doctype html>…" }) } },
});

const backToPage = {
  description: "Done or already decided: see the checkout page (`Location`)",
  headers: {
    Location: { description: "The checkout page", schema: { type: "string" as const } },
  },
};

const unknownSession = problems({
  404: "Unknown session, not a sandbox session, or either of Stripe's secrets is set (not_found)",
});

export const checkout = publicRoute({
  method: "get",
  path: "/sandbox/checkout/{sessionId}",
  operationId: "getSandboxCheckout",
  tags,
  summary: "The sandbox's checkout page",
  description:
    "Without Stripe's secrets, a paid booking's `checkoutUrl` leads here: the event, seats, amount and hold, with Pay and Decline buttons while the booking awaits its payment, or what became of it. 404 whenever either of Stripe's secrets is set.",
  request: { params: SessionParam },
  responses: { 200: page("The checkout page"), ...unknownSession },
});

const action = (outcome: "pay" | "decline", summary: string, description: string) =>
  publicRoute({
    method: "post",
    path: `/sandbox/checkout/{sessionId}/${outcome}`,
    operationId: outcome === "pay" ? "paySandboxCheckout" : "declineSandboxCheckout",
    tags,
    summary,
    description: `${description} Takes a bare or form-encoded POST, as the page's button sends. 404 whenever either of Stripe's secrets is set.`,
    request: { params: SessionParam },
    responses: { 303: backToPage, ...unknownSession },
  });

export const pay = action(
  "pay",
  "Pay a sandbox checkout",
  "Reports a completed payment to the booking's ledger, by the same path as Stripe's webhook: the booking is confirmed if its seats are still held or free.",
);

export const decline = action(
  "decline",
  "Decline a sandbox checkout",
  "Reports a failed payment to the booking's ledger, which releases the held seats.",
);

export const paymentReturn = publicRoute({
  method: "get",
  path: "/payments/return",
  operationId: "getPaymentReturn",
  tags,
  summary: "Where the attendee lands after checkout",
  description:
    "Stripe's success and cancel URLs lead here. Says whether the booking is confirmed, still awaits its payment (the provider's report may trail the redirect; the page refreshes itself), or was released.",
  request: {
    query: z.object({
      session_id: z.string().openapi({ example: "cs_test_a1b2c3" }),
    }),
  },
  responses: {
    200: page("What became of the booking"),
    ...problems({ 404: "Unknown or malformed session (not_found)", 422: "No session_id" }),
  },
});
