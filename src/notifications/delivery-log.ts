import type { DELIVERY_CHANNELS } from "../db/schema";
import { jsonParams } from "../lib/json-params";
import { nowIso } from "../lib/time";

export type Channel = (typeof DELIVERY_CHANNELS)[number];
export type LoggedStatus = "sent" | "failed" | "skipped";

/** A channel with nobody to reach (`recipient` as its plan named it), and why. */
export interface SkippedChannel {
  channel: Channel;
  recipient: string;
  error: string;
}

/**
 * One attendee's notification for one domain event: `d` domain event, `a` attendee, `t`
 * when the change happened (the notification's `createdAt`, part of its key, so the same on
 * every redelivery), `s` the channels skipped (JSON of `SkippedChannel[]`, or null).
 */
export interface NotificationRow {
  id: string;
  d: string;
  a: string;
  t: string;
  type: string;
  title: string;
  body: string;
  e: string;
  b: string | null;
  s: string | null;
}

/**
 * Created once per (domain event, attendee); a redelivery finds the existing row. Making
 * the row claims its first attempt: the invocation whose insert comes back sends every
 * channel, and records each delivery once it went, one row each; no other invocation claims
 * a delivery the row has no record of until the claim's lease is over.
 */
export const INSERT_NOTIFICATIONS = `
INSERT INTO notifications (id, domain_event_id, attendee_id, type, title, body, event_id,
  booking_id, created_at, skipped, claimed_at)
SELECT j.value ->> 'id', j.value ->> 'd', j.value ->> 'a', j.value ->> 'type', j.value ->> 'title',
       j.value ->> 'body', j.value ->> 'e', j.value ->> 'b', j.value ->> 't', j.value ->> 's', ?2
FROM json_each(?1) AS j
WHERE EXISTS (SELECT 1 FROM attendees a WHERE a.id = j.value ->> 'a')
ON CONFLICT (attendee_id, created_at, domain_event_id) DO NOTHING
RETURNING domain_event_id AS d, attendee_id AS a`;

/** A notification found by its key: the attendee, the time of the change, the domain event. */
const NOTIFICATION_OF = `n.attendee_id = j.value ->> 'a' AND n.created_at = j.value ->> 't'
  AND n.domain_event_id = j.value ->> 'd'`;

export const SELECT_NOTIFICATIONS = `
SELECT n.id, n.created_at, n.domain_event_id AS d, n.attendee_id AS a
FROM json_each(?1) AS j
JOIN notifications n ON ${NOTIFICATION_OF}`;

/**
 * One delivery to claim: `c` channel, `r` recipient (attendee, device or address). With
 * `skip`, the reason the channel has nobody to reach.
 */
export interface ClaimRow {
  id: string;
  d: string;
  a: string;
  t: string;
  c: Channel;
  r: string;
  skip?: string;
}

const IN_PROGRESS = "in progress";
/** A claim older than this belongs to an invocation that died; another may take over. */
const CLAIM_LEASE_MS = 60_000;

/**
 * Claims deliveries of a notification made earlier, before they are attempted: failed
 * ones whose attempt is over, and ones never recorded once the notification's own claim
 * is over (its invocation died before recording them). Only claimed rows are returned, so
 * a redelivered message claims nothing already sent, and two invocations racing cannot
 * both claim a row. A skipped channel gets no row (the notification lists it): only a row
 * an earlier attempt left failed is settled as skipped, since nothing is sent, so nothing
 * can be sent twice.
 */
const CLAIM = `
INSERT INTO notification_deliveries
  (id, attendee_id, notification_id, domain_event_id, channel, recipient, status, attempts,
   error, updated_at)
SELECT j.value ->> 'id', n.attendee_id, n.id, n.domain_event_id, j.value ->> 'c', j.value ->> 'r',
       iif(j.value ->> 'skip' IS NULL, 'failed', 'skipped'),
       iif(j.value ->> 'skip' IS NULL, 0, 1), coalesce(j.value ->> 'skip', ?2), ?3
FROM json_each(?1) AS j
JOIN notifications n ON ${NOTIFICATION_OF}
WHERE (j.value ->> 'skip' IS NULL AND n.claimed_at < ?4) OR EXISTS (
  SELECT 1 FROM notification_deliveries x WHERE x.attendee_id = n.attendee_id
    AND x.notification_id = n.id AND x.channel = j.value ->> 'c' AND x.recipient = j.value ->> 'r')
ON CONFLICT (attendee_id, notification_id, channel, recipient) DO UPDATE SET status = excluded.status,
  attempts = notification_deliveries.attempts + excluded.attempts, error = excluded.error,
  updated_at = ?3,
  transport = iif(excluded.status = 'skipped', NULL, notification_deliveries.transport),
  payload = iif(excluded.status = 'skipped', NULL, notification_deliveries.payload)
WHERE notification_deliveries.status = 'failed'
  AND (notification_deliveries.error IS NOT ?2 OR notification_deliveries.updated_at < ?4)
RETURNING domain_event_id AS d, attendee_id AS a, channel AS c, recipient AS r, status AS s`;

/** Only rows claimed for sending come back with status "failed" (the claim's mark). */
export const claimStatements = (db: D1Database, claims: ClaimRow[]) => {
  const now = new Date();
  const leaseEnd = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
  return jsonParams(claims).map((json) =>
    db.prepare(CLAIM).bind(json, IN_PROGRESS, now.toISOString(), leaseEnd),
  );
};

export const notificationStatements = (db: D1Database, rows: NotificationRow[]) => {
  const params = jsonParams(rows);
  return {
    insert: params.map((json) => db.prepare(INSERT_NOTIFICATIONS).bind(json, nowIso())),
    select: params.map((json) => db.prepare(SELECT_NOTIFICATIONS).bind(json)),
  };
};

/**
 * How a claimed delivery went: `id` the row's id if it is the first, `d` domain event, `a`
 * attendee and `t` time of the change (its notification), `s` status, `tr` transport, `err`
 * error, `p` what was sent.
 */
export interface RecordRow {
  id: string;
  d: string;
  a: string;
  t: string;
  c: Channel;
  r: string;
  s: LoggedStatus;
  tr: string | null;
  err: string | null;
  p: string | null;
}

/** A first attempt's record is its row; a retry's updates the row its claim marked. */
const RECORD = `
INSERT INTO notification_deliveries
  (id, attendee_id, notification_id, domain_event_id, channel, recipient, status, attempts,
   transport, error, payload, updated_at)
SELECT j.value ->> 'id', n.attendee_id, n.id, n.domain_event_id, j.value ->> 'c', j.value ->> 'r',
       j.value ->> 's', 1, j.value ->> 'tr', j.value ->> 'err', j.value ->> 'p', ?2
FROM json_each(?1) AS j
JOIN notifications n ON ${NOTIFICATION_OF}
WHERE true
ON CONFLICT (attendee_id, notification_id, channel, recipient) DO UPDATE SET
  status = excluded.status, attempts = notification_deliveries.attempts + 1,
  transport = excluded.transport, error = excluded.error, payload = excluded.payload,
  updated_at = excluded.updated_at`;

/** Settles claimed deliveries and removes devices the provider no longer knows. */
export const recordStatements = (db: D1Database, rows: RecordRow[], deadDevices: string[]) => [
  ...jsonParams(rows).map((json) => db.prepare(RECORD).bind(json, nowIso())),
  ...(deadDevices.length > 0
    ? [
        db
          .prepare("DELETE FROM devices WHERE id IN (SELECT value FROM json_each(?1))")
          .bind(JSON.stringify(deadDevices)),
      ]
    : []),
];
