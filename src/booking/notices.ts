import { newId } from "../lib/ids";
import { nowIso } from "../lib/time";
import type { DomainEvent } from "./domain-events";
import type { LedgerBookingRow, LedgerEventRow } from "./ledger-rows";

/**
 * Recipients named in one event-wide notice: 50 ids keep a message near 2 KB, so a
 * Queues batch of 100 stays under its 256 KB limit.
 */
export const RECIPIENTS_PER_NOTICE = 50;

/** Splits an audience into the recipient lists of its notices; an empty audience gets one notice. */
export const inNotices = (attendeeIds: readonly string[]): string[][] => {
  const notices: string[][] = [];
  for (let i = 0; i < attendeeIds.length; i += RECIPIENTS_PER_NOTICE) {
    notices.push(attendeeIds.slice(i, i + RECIPIENTS_PER_NOTICE));
  }
  return notices.length > 0 ? notices : [[]];
};

/** A Queues sendBatch takes 100 messages and 256 KB: 50 notices of ~2 KB fit both. */
const NOTICES_PER_SEND = 50;

/**
 * The notices of a deleted event: who to tell, and what to refund. They carry the
 * event's details and their recipients, since D1 has neither once the event is gone.
 */
export const deletionNotices = (
  event: Pick<LedgerEventRow, "id" | "title" | "start_date" | "end_date" | "country">,
  bookings: readonly LedgerBookingRow[],
): DomainEvent[] => {
  if (bookings.length === 0) return [];
  const occurredAt = nowIso();
  const details = {
    title: event.title,
    startDate: event.start_date,
    endDate: event.end_date,
    country: event.country,
  };
  const envelope = { occurredAt, eventId: event.id };
  const audience = bookings.map((row) => row.attendee_id);
  const cancelled: DomainEvent[] = inNotices(audience).map((recipients) => ({
    ...envelope,
    id: newId(),
    type: "event.cancelled",
    data: { event: details, recipients },
  }));
  const refunds: DomainEvent[] = bookings.flatMap((row) => {
    const { payment_intent: paymentIntentId, amount, currency } = row;
    if (row.payment_status !== "paid" || !paymentIntentId || amount === null || !currency)
      return [];
    const refund = { paymentIntentId, amount, currency };
    const ids = { bookingId: row.id, attendeeId: row.attendee_id };
    return [
      {
        ...envelope,
        ...ids,
        id: newId(),
        type: "booking.refunded",
        data: { event: details, refund },
      },
    ];
  });
  return [...cancelled, ...refunds];
};

export const sendNotices = async (queue: Queue, notices: readonly DomainEvent[]) => {
  for (let i = 0; i < notices.length; i += NOTICES_PER_SEND) {
    const batch = notices.slice(i, i + NOTICES_PER_SEND);
    await queue.sendBatch(batch.map((body) => ({ body, contentType: "json" as const })));
  }
};
