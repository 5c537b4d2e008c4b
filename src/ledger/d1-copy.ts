import { EDITABLE_COLUMNS } from "../contracts/event";
import type { TicketTypeRecord } from "../domain/catalog";
import { foldForSearch } from "../lib/search";
import { assignments, type SqlValue } from "../lib/sql";
import { ADOPTED_COLUMNS, type LedgerBookingRow, type LedgerEventRow } from "./rows";

/**
 * One statement copies any number of bookings: the rows travel as one JSON
 * parameter (D1 caps bound parameters per query). Rows whose attendee is gone are
 * skipped rather than failing the batch, and so are active rows of an attendee who is
 * leaving: only their released rows land (cancelled, or a hold that expired meanwhile),
 * as D1 must never show them more active bookings. RETURNING tells the ledger which landed,
 * with the name D1 holds for each attendee: a booking whose caller only the copy checks
 * learns it here.
 */
const UPSERT_BOOKINGS = `
INSERT INTO bookings (id, event_id, attendee_id, status, seats, expires_at, queue_seq,
  created_at, updated_at, amount, currency, payment_status, payment_session_id, checkout_url,
  booked_by, items, promo_code)
SELECT b.value ->> 'id', ?1, b.value ->> 'attendee_id', b.value ->> 'status',
       b.value ->> 'seats', b.value ->> 'expires_at', b.value ->> 'seq',
       b.value ->> 'created_at', b.value ->> 'updated_at', b.value ->> 'amount',
       b.value ->> 'currency', b.value ->> 'payment_status', b.value ->> 'session_id',
       b.value ->> 'checkout_url', b.value ->> 'booked_by', b.value ->> 'items',
       b.value ->> 'promo_code'
FROM json_each(?2) AS b
WHERE EXISTS (
    SELECT 1 FROM attendees a WHERE a.id = b.value ->> 'attendee_id'
      AND (a.leaving_at IS NULL
        OR b.value ->> 'status' NOT IN ('pending', 'confirmed', 'waitlisted')))
  AND EXISTS (SELECT 1 FROM events e WHERE e.id = ?1)
ORDER BY b.key
ON CONFLICT (id) DO UPDATE SET
  status = excluded.status,
  expires_at = excluded.expires_at,
  queue_seq = excluded.queue_seq,
  updated_at = excluded.updated_at,
  amount = excluded.amount,
  currency = excluded.currency,
  payment_status = excluded.payment_status,
  payment_session_id = excluded.payment_session_id,
  checkout_url = excluded.checkout_url
RETURNING id, (SELECT a.name FROM attendees a WHERE a.id = bookings.attendee_id) AS name`;

/**
 * What D1's `events` row holds of the ledger's: the counters, and the ticket types with
 * theirs (one JSON column, so a booking's copy writes no more rows than before types
 * existed); with `fields`, the organizer's fields and the folded title too. D1 bills an
 * index entry for every indexed column an UPDATE assigns, changed or not: assigning the
 * seven indexed fields costs seven rows more, so a copy of bookings alone leaves them out.
 */
const eventCopy = (
  event: LedgerEventRow,
  types: readonly TicketTypeRecord[],
  fields: boolean,
): Record<string, SqlValue> => ({
  ...(fields
    ? {
        ...Object.fromEntries(EDITABLE_COLUMNS.map((column) => [column, event[column]])),
        // Written with the title, so search never sees one without the other.
        title_folded: foldForSearch(event.title),
      }
    : {}),
  booked_count: event.confirmed,
  waitlist_count: event.waitlisted,
  held_seats: event.held,
  updated_at: event.updated_at,
  // The first type's price is the event's: a booking's copy carries it with the types.
  price: event.price,
  ticket_types: JSON.stringify(types),
});

/**
 * Whether the event's organizer has an enabled webhook endpoint, read in the copy's own
 * statement: the changes this copy carries are told to webhooks only if so. An endpoint
 * made after the copy hears of later changes, as it would of any change made after it.
 */
const LISTENED = `EXISTS (SELECT 1 FROM webhook_endpoints w
  WHERE w.organizer_id = events.organizer_id AND w.enabled = 1) AS listened`;

/** What the copy's last statement returns: no row when the event is gone from D1. */
export type EventCopyResult = { listened: number };

/**
 * The statements that make D1 show the ledger's current state. Bookings must be in
 * the order of their last change, so a cancelled booking is copied before the
 * attendee's next one and the partial unique index never sees two active rows.
 */
export const copyStatements = (
  db: D1Database,
  event: LedgerEventRow,
  types: readonly TicketTypeRecord[],
  bookings: readonly LedgerBookingRow[],
  /** Statements that need the bookings copied first, and must land with them. */
  following: readonly D1PreparedStatement[] = [],
  /** Whether the organizer's fields changed since the last copy (or may have). */
  fields = true,
): D1PreparedStatement[] => {
  const statements: D1PreparedStatement[] = [];
  if (bookings.length > 0) {
    // The PaymentIntent and the pending notice stay in the ledger: refunds are decided there.
    const rows = bookings.map(
      ({ attendee_name, payment_intent, checkout_notice, expires_at, promo_code_id, ...row }) => ({
        ...row,
        expires_at: expires_at === null ? null : new Date(expires_at).toISOString(),
      }),
    );
    statements.push(db.prepare(UPSERT_BOOKINGS).bind(event.id, JSON.stringify(rows)));
  }
  statements.push(...following);
  const set = assignments(eventCopy(event, types, fields), 2);
  statements.push(
    db
      .prepare(`UPDATE events SET ${set.sql} WHERE id = ?1 RETURNING ${LISTENED}`)
      .bind(event.id, ...set.values),
  );
  return statements;
};

/** The event as D1 stored it at creation, its ticket types as JSON. */
export const loadEventStatement = (db: D1Database, eventId: string) =>
  db
    .prepare(`SELECT ${ADOPTED_COLUMNS.join(", ")}, ticket_types FROM events WHERE id = ?`)
    .bind(eventId);

export const deleteEventStatements = (db: D1Database, eventId: string) => [
  db.prepare("DELETE FROM idempotency_keys WHERE event_id = ?").bind(eventId),
  db.prepare("DELETE FROM events WHERE id = ?").bind(eventId),
];

export const expireKeysStatement = (db: D1Database, eventId: string, before: Date) =>
  db
    .prepare("DELETE FROM idempotency_keys WHERE event_id = ? AND created_at < ?")
    .bind(eventId, before.toISOString());
