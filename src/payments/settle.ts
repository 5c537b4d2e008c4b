import { callLedger, ledgerOf } from "../booking/client";
import type { SettleReply } from "../booking/payment-decisions";
import { log } from "../lib/logger";
import { paymentProvider } from ".";
import type { PaymentSettlement } from "./provider";

const eventOfBooking = async (db: D1Database, bookingId: string) =>
  (
    await db
      .prepare("SELECT event_id FROM bookings WHERE id = ?")
      .bind(bookingId)
      .first<{ event_id: string }>()
  )?.event_id ?? null;

/**
 * Hands a provider's report (a verified webhook, or a click in the sandbox) to the
 * ledger of the booking's event, which decides in one transaction whether the payment
 * gets its seat. A payment for a booking no ledger knows any more, its event deleted
 * meanwhile, is refunded here: nobody is charged without a seat.
 */
export const settlePayment = async (env: Env, report: PaymentSettlement): Promise<SettleReply> => {
  const eventId = report.eventId ?? (await eventOfBooking(env.DB, report.bookingId));
  const reply: SettleReply = eventId
    ? await callLedger(() => ledgerOf(env, eventId).settlePayment(eventId, report))
    : { known: false };
  if (!reply.known && report.outcome === "paid" && report.paymentIntentId) {
    const { bookingId, paymentIntentId } = report;
    await paymentProvider(env).refund({ bookingId, paymentIntentId });
    log(env, "warn", "refunded a payment for a booking that no longer exists", {
      bookingId,
      sessionId: report.sessionId,
    });
  }
  return reply;
};
