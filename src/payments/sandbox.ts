import { randomHex } from "../lib/encoding";
import type { PaymentProvider } from "./provider";

/**
 * The local stand-in for Stripe: a session is a page of this API, and its id, a random
 * capability, is all that page needs. Nothing leaves the Worker.
 */
export const sandboxProvider = (env: Env): PaymentProvider => ({
  kind: "sandbox",
  createCheckout: async () => {
    const id = `cs_sandbox_${randomHex(16)}`;
    return { id, url: `${env.PUBLIC_URL.replace(/\/+$/, "")}/sandbox/checkout/${id}` };
  },
  refund: async () => ({ id: `re_sandbox_${randomHex(12)}` }),
});
