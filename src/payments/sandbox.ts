import { randomHex } from "../lib/encoding";
import type { PaymentProvider } from "./provider";

/**
 * The local stand-in for Stripe: a session is a page of this API, and its id, a random
 * capability, is all that page needs. Nothing leaves the Worker.
 */
export const sandboxProvider = (): PaymentProvider => ({
  kind: "sandbox",
  createCheckout: async ({ baseUrl }) => {
    const id = `cs_sandbox_${randomHex(16)}`;
    return { id, url: `${baseUrl.replace(/\/+$/, "")}/sandbox/checkout/${id}` };
  },
  refund: async () => ({ id: `re_sandbox_${randomHex(12)}` }),
  // The sandbox page takes a payment only while its booking's hold is live: a released
  // hold's session is closed already.
  expireCheckout: async () => {},
});
