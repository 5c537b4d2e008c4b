import { type PaymentProvider, stripeConfigured } from "./provider";
import { sandboxProvider } from "./sandbox";
import { stripeProvider } from "./stripe";

/** The provider payments go through: Stripe once both of its secrets are set, the sandbox otherwise. */
export const paymentProvider = (env: Env): PaymentProvider =>
  stripeConfigured(env) ? stripeProvider(env) : sandboxProvider();
