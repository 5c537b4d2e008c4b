import { randomHex } from "../lib/encoding";
import type { PaymentProvider } from "./provider";

const SESSION_BYTES = 16;

/**
 * The ids the sandbox makes and nothing else: Stripe's sessions (`cs_test_…`,
 * `cs_live_…`) are paid at Stripe, never with a click on the sandbox's page.
 */
const SANDBOX_SESSION_ID = new RegExp(`^cs_sandbox_[0-9a-f]{${SESSION_BYTES * 2}}$`);

export const isSandboxSessionId = (id: string) => SANDBOX_SESSION_ID.test(id);

/**
 * The local stand-in for Stripe: a session is a page of this API, and its id, a random
 * capability, is all that page needs. Nothing leaves the Worker.
 */
export const sandboxProvider = (): PaymentProvider => ({
  kind: "sandbox",
  createCheckout: async ({ baseUrl }) => {
    const id = `cs_sandbox_${randomHex(SESSION_BYTES)}`;
    return { id, url: `${baseUrl.replace(/\/+$/, "")}/sandbox/checkout/${id}` };
  },
  refund: async () => ({ id: `re_sandbox_${randomHex(12)}` }),
  // The sandbox page takes a payment only while its booking's hold is live: a released
  // hold's session is closed already.
  expireCheckout: async () => {},
});
