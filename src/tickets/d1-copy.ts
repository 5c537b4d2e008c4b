import type { LedgerTicketRow } from "./ledger-tickets";

/**
 * Copies tickets to D1 for the lists, as many as a statement's JSON parameter holds:
 * tickets of a booking that did not land in D1 (its attendee was deleted meanwhile) are
 * skipped, as the booking is. A ticket is keyed by its seat, and the ledger is the truth:
 * a seat D1 knows under another ticket id (a ledger that lost its tickets and issued them
 * again) takes the ledger's.
 */
const UPSERT_TICKETS = `
INSERT INTO tickets (id, booking_id, event_id, position, ticket_type_id, ticket_type_name,
  status, issued_at, checked_in_at, revoked_at)
SELECT t.value ->> 'id', t.value ->> 'booking_id', ?1, t.value ->> 'position',
       t.value ->> 'ticket_type_id', t.value ->> 'ticket_type_name', t.value ->> 'status',
       t.value ->> 'issued_at', t.value ->> 'checked_in_at', t.value ->> 'revoked_at'
FROM json_each(?2) AS t
WHERE EXISTS (SELECT 1 FROM bookings b WHERE b.id = t.value ->> 'booking_id')
ON CONFLICT (booking_id, position) DO UPDATE SET
  id = excluded.id,
  ticket_type_id = excluded.ticket_type_id,
  ticket_type_name = excluded.ticket_type_name,
  status = excluded.status,
  issued_at = excluded.issued_at,
  checked_in_at = excluded.checked_in_at,
  revoked_at = excluded.revoked_at`;

/** About 200 bytes a ticket: a statement's parameter stays far below D1's 2 MB. */
const TICKETS_PER_STATEMENT = 2_000;

export const ticketCopyStatements = (
  db: D1Database,
  eventId: string,
  tickets: readonly LedgerTicketRow[],
): D1PreparedStatement[] => {
  const statements: D1PreparedStatement[] = [];
  for (let from = 0; from < tickets.length; from += TICKETS_PER_STATEMENT) {
    const rows = tickets
      .slice(from, from + TICKETS_PER_STATEMENT)
      .map(({ check_in_scan, ...row }) => row);
    statements.push(db.prepare(UPSERT_TICKETS).bind(eventId, JSON.stringify(rows)));
  }
  return statements;
};
