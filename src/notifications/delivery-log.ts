import { newId } from "../lib/ids";
import { nowIso } from "../lib/time";

export type Channel = "websocket" | "push" | "email";
export type LoggedStatus = "sent" | "failed" | "skipped";

export interface NotificationRecord {
  domainEventId: string;
  attendeeId: string;
  type: string;
  title: string;
  body: string;
  eventId: string;
  bookingId: string | null;
}

/** The attendee's notification for this domain event: created once, found again on redelivery. */
export const notificationStatements = (db: D1Database, n: NotificationRecord) => [
  db
    .prepare(
      `INSERT INTO notifications (id, domain_event_id, attendee_id, type, title, body, event_id, booking_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (domain_event_id, attendee_id) DO NOTHING`,
    )
    .bind(
      newId(),
      n.domainEventId,
      n.attendeeId,
      n.type,
      n.title,
      n.body,
      n.eventId,
      n.bookingId,
      nowIso(),
    ),
  db
    .prepare(
      "SELECT id, created_at FROM notifications WHERE domain_event_id = ? AND attendee_id = ?",
    )
    .bind(n.domainEventId, n.attendeeId),
];

const IN_PROGRESS = "in progress";
/** A claim older than this belongs to an invocation that died; another may take over. */
const CLAIM_LEASE_MS = 60_000;

export interface DeliveryKey {
  domainEventId: string;
  attendeeId: string;
  channel: Channel;
  recipient: string;
}

/**
 * Claims one delivery before it is attempted: a new row, or a failed one whose earlier
 * attempt is over. It answers a row only when the claim was taken, so a redelivered
 * message claims nothing already sent or skipped, and two invocations racing on the
 * same message cannot both claim a row.
 */
export const claimStatement = (db: D1Database, key: DeliveryKey) => {
  const now = new Date();
  return db
    .prepare(
      `INSERT INTO notification_deliveries
         (id, notification_id, domain_event_id, channel, recipient, status, attempts, error, updated_at)
       VALUES (?1, (SELECT id FROM notifications WHERE domain_event_id = ?2 AND attendee_id = ?8),
               ?2, ?3, ?4, 'failed', 0, ?5, ?6)
       ON CONFLICT (domain_event_id, channel, recipient) DO UPDATE SET error = ?5, updated_at = ?6
       WHERE status = 'failed' AND (error IS NOT ?5 OR updated_at < ?7)
       RETURNING id`,
    )
    .bind(
      newId(),
      key.domainEventId,
      key.channel,
      key.recipient,
      IN_PROGRESS,
      now.toISOString(),
      new Date(now.getTime() - CLAIM_LEASE_MS).toISOString(),
      key.attendeeId,
    );
};

export interface DeliveryEntry {
  domainEventId: string;
  channel: Channel;
  recipient: string;
  status: LoggedStatus;
  outcome?: { transport: string; error?: string; payload?: unknown };
  error?: string;
}

/** Settles a claimed delivery: its status, one more attempt, and what was sent. */
export const recordStatement = (db: D1Database, entry: DeliveryEntry) =>
  db
    .prepare(
      `UPDATE notification_deliveries SET status = ?, attempts = attempts + 1, transport = ?,
         error = ?, payload = ?, updated_at = ?
       WHERE domain_event_id = ? AND channel = ? AND recipient = ?`,
    )
    .bind(
      entry.status,
      entry.outcome?.transport ?? null,
      entry.error ?? entry.outcome?.error ?? null,
      entry.outcome?.payload === undefined ? null : JSON.stringify(entry.outcome.payload),
      nowIso(),
      entry.domainEventId,
      entry.channel,
      entry.recipient,
    );

export const removeDeviceStatement = (db: D1Database, deviceId: string) =>
  db.prepare("DELETE FROM devices WHERE id = ?").bind(deviceId);
