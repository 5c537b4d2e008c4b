import type { PaymentSettlement } from "./provider";

/**
 * Hands a provider's report to the ledger of the booking's event, which decides in one
 * transaction whether the payment gets its seat. Placeholder until the ledger's saga lands.
 */
export const settlePayment = async (_env: Env, _settlement: PaymentSettlement): Promise<void> => {};
