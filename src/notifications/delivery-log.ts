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
export const ensureNotification = async (db: D1Database, n: NotificationRecord) => {
  const [, found] = await db.batch<{ id: string; created_at: string }>([
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
  ]);
  const row = found?.results[0];
  if (!row) throw new Error("notification row missing after insert");
  return { id: row.id, createdAt: row.created_at };
};

const IN_PROGRESS = "in progress";
/** A claim older than this belongs to an invocation that died; another may take over. */
const CLAIM_LEASE_MS = 60_000;

/**
 * Claims one delivery before it is attempted: a new row, or a failed one whose earlier
 * attempt is over. A redelivered message finds sent and skipped rows and claims
 * nothing; two invocations racing on the same message cannot both claim a row.
 */
export const claimDelivery = async (
  db: D1Database,
  claim: { notificationId: string; domainEventId: string; channel: Channel; recipient: string },
): Promise<boolean> => {
  const now = new Date();
  const row = await db
    .prepare(
      `INSERT INTO notification_deliveries
         (id, notification_id, domain_event_id, channel, recipient, status, attempts, error, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, 'failed', 0, ?6, ?7)
       ON CONFLICT (domain_event_id, channel, recipient) DO UPDATE SET error = ?6, updated_at = ?7
       WHERE status = 'failed' AND (error IS NOT ?6 OR updated_at < ?8)
       RETURNING id`,
    )
    .bind(
      newId(),
      claim.notificationId,
      claim.domainEventId,
      claim.channel,
      claim.recipient,
      IN_PROGRESS,
      now.toISOString(),
      new Date(now.getTime() - CLAIM_LEASE_MS).toISOString(),
    )
    .first();
  return row !== null;
};

export interface DeliveryEntry {
  notificationId: string;
  domainEventId: string;
  channel: Channel;
  recipient: string;
  status: LoggedStatus;
  outcome?: { transport: string; error?: string; payload?: unknown };
  error?: string;
}

export const recordDelivery = (db: D1Database, entry: DeliveryEntry) =>
  db
    .prepare(
      `INSERT INTO notification_deliveries
         (id, notification_id, domain_event_id, channel, recipient, status, attempts, transport, error, payload, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
       ON CONFLICT (domain_event_id, channel, recipient) DO UPDATE SET
         status = excluded.status, attempts = attempts + 1, transport = excluded.transport,
         error = excluded.error, payload = excluded.payload, updated_at = excluded.updated_at`,
    )
    .bind(
      newId(),
      entry.notificationId,
      entry.domainEventId,
      entry.channel,
      entry.recipient,
      entry.status,
      entry.outcome?.transport ?? null,
      entry.error ?? entry.outcome?.error ?? null,
      entry.outcome?.payload === undefined ? null : JSON.stringify(entry.outcome.payload),
      nowIso(),
    )
    .run();

export const removeDevice = (db: D1Database, deviceId: string) =>
  db.prepare("DELETE FROM devices WHERE id = ?").bind(deviceId).run();
