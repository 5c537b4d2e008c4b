import { sha256Hex, toBase64Url } from "../lib/encoding";
import { problem } from "../lib/problem";

export const TICKET_TTL_MS = 60_000;
/** Unused tickets an attendee may hold at once; asking for more drops the oldest. */
const MAX_OPEN_TICKETS = 10;
const TICKET_PREFIX = "st_";

/**
 * A single-use, minute-long ticket for the notification stream, so the attendee's
 * long-lived token never travels in a URL (URLs are logged). Only its hash is stored.
 * Expired and surplus tickets of the attendee go in the same batch.
 */
export const issueStreamTicket = async (db: D1Database, attendeeId: string) => {
  const ticket = TICKET_PREFIX + toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const now = new Date();
  const expiresAt = new Date(now.getTime() + TICKET_TTL_MS).toISOString();
  await db.batch([
    db
      .prepare("INSERT INTO stream_tickets (ticket_hash, attendee_id, expires_at) VALUES (?, ?, ?)")
      .bind(await sha256Hex(ticket), attendeeId, expiresAt),
    db
      .prepare(
        `DELETE FROM stream_tickets WHERE attendee_id = ?1 AND (expires_at <= ?2 OR ticket_hash NOT IN (
           SELECT ticket_hash FROM stream_tickets WHERE attendee_id = ?1
           ORDER BY expires_at DESC, rowid DESC LIMIT ?3))`,
      )
      .bind(attendeeId, now.toISOString(), MAX_OPEN_TICKETS),
  ]);
  return { ticket, expiresAt };
};

/** Consumes the ticket whatever happens next: a ticket opens one stream, once. */
export const redeemStreamTicket = async (db: D1Database, ticket: string): Promise<string> => {
  const row = await db
    .prepare("DELETE FROM stream_tickets WHERE ticket_hash = ? RETURNING attendee_id, expires_at")
    .bind(await sha256Hex(ticket))
    .first<{ attendee_id: string; expires_at: string }>();
  if (!row || Date.parse(row.expires_at) <= Date.now()) {
    throw problem("unauthorized", "The stream ticket is unknown, used or expired.");
  }
  return row.attendee_id;
};
