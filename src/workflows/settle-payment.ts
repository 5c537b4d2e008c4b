import { findBooking } from "../db/bookings";
import { database } from "../db/client";
import { callLedger, ledgerOf } from "../ledger/client";
import type { SettleReply } from "../ledger/payment-decisions";
import { log } from "../lib/logger";
import type { PaymentSettlement } from "../payments/provider";
import { refundUnknownPayment } from "./run";

/**
 * Hands a provider's report (a verified webhook, or a click in the sandbox) to the
 * ledger of the booking's event, which decides in one transaction whether the payment
 * gets its seat. A payment for a booking no ledger knows any more, its event deleted
 * and wound down meanwhile, is handed to the refund workflow: nobody is charged without
 * a seat. Should even that fail, the report fails, and the provider sends it again.
 */
export const settlePayment = async (env: Env, report: PaymentSettlement): Promise<SettleReply> => {
  const eventId =
    report.eventId ?? (await findBooking(database(env.DB), report.bookingId))?.eventId;
  const reply: SettleReply = eventId
    ? await callLedger(() => ledgerOf(env, eventId).settlePayment(eventId, report))
    : { known: false };
  if (!reply.known && report.outcome === "paid" && report.paymentIntentId) {
    const { bookingId, paymentIntentId } = report;
    await refundUnknownPayment(env, { bookingId, paymentIntentId });
    log(env, "warn", "refunding a payment for a booking that no longer exists", {
      bookingId,
      sessionId: report.sessionId,
    });
  }
  return reply;
};
