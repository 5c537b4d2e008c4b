import { problem } from "../lib/problem";
import { MISCONFIGURED_PAYMENTS, type PaymentProvider, paymentsMode } from "./provider";
import { sandboxProvider } from "./sandbox";
import { stripeProvider } from "./stripe";

/**
 * The provider payments go through: Stripe once both of its secrets are set, the sandbox
 * when neither is. Half of Stripe's configuration gets neither: a refund or a checkout
 * attempted then fails, and is retried once the configuration is whole.
 */
export const paymentProvider = (env: Env): PaymentProvider => {
  const mode = paymentsMode(env);
  if (mode === "misconfigured") throw problem("misconfigured", MISCONFIGURED_PAYMENTS);
  return mode === "stripe" ? stripeProvider(env) : sandboxProvider();
};
