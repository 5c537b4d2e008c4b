import { sendDelayed } from "../lib/queue-batches";
import { attemptMessage } from "./messages";
import { type WebhookSource, webhookBody } from "./payload";

/** A random UUID made by D1 itself, so a delivery row needs no read before it is written. */
export const SQL_UUID = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
  substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) ||
  substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

/** An endpoint that is on and listens for the type `?type`. */
export const LISTENS = `e.enabled = 1 AND EXISTS
  (SELECT 1 FROM json_each(e.events) j WHERE j.value IN ('*', %TYPE%))`;

/** The change, kept once for all its organizer's endpoints, when any of them listens. */
const MESSAGE_SQL = `INSERT INTO webhook_messages (id, organizer_id, type, body, created_at)
  SELECT ?1, ev.organizer_id, ?2, ?3, ?4 FROM events ev WHERE ev.id = ?5 AND EXISTS
    (SELECT 1 FROM webhook_endpoints e WHERE e.organizer_id = ev.organizer_id AND
     ${LISTENS.replace("%TYPE%", "?2")})
  ON CONFLICT (id) DO NOTHING`;

/** One delivery per listening endpoint; a repeated message finds them made. */
const DELIVERIES_SQL = `INSERT INTO webhook_deliveries
    (id, endpoint_id, message_id, status, attempts, next_attempt_at, created_at, updated_at)
  SELECT ${SQL_UUID}, e.id, m.id, 'pending', 0, ?2, ?2, ?2
  FROM webhook_messages m JOIN webhook_endpoints e ON e.organizer_id = m.organizer_id
  WHERE m.id = ?1 AND ${LISTENS.replace("%TYPE%", "m.type")}
  ON CONFLICT (endpoint_id, message_id) DO NOTHING`;

/** Every delivery of these messages not yet tried: a retried fan-out sends them again. */
const UNTRIED_SQL = `SELECT id FROM webhook_deliveries
  WHERE message_id IN (SELECT value FROM json_each(?1)) AND status = 'pending' AND attempts = 0`;

/**
 * Turns a batch of changes into deliveries: one D1 round trip records a message and its
 * deliveries for every change whose organizer has a listening endpoint, then one queue
 * message per delivery makes its first attempt. The cost per invocation depends on the
 * batch's size, never on how many bookings changed or how many endpoints listen.
 */
export const fanOutWebhooks = async (
  env: Env,
  sources: readonly WebhookSource[],
  now = Date.now(),
): Promise<number> => {
  if (sources.length === 0) return 0;
  const at = new Date(now).toISOString();
  const message = env.DB.prepare(MESSAGE_SQL);
  const deliveries = env.DB.prepare(DELIVERIES_SQL);
  const results = await env.DB.batch<{ id: string }>([
    ...sources.flatMap((s) => [
      message.bind(s.id, s.type, webhookBody(s), at, s.eventId),
      deliveries.bind(s.id, at),
    ]),
    env.DB.prepare(UNTRIED_SQL).bind(JSON.stringify(sources.map((s) => s.id))),
  ]);
  const untried = results.at(-1)?.results ?? [];
  await sendDelayed(
    env.NOTIFY_QUEUE,
    untried.map((d) => ({ body: attemptMessage(d.id, 1, now) })),
  );
  return untried.length;
};
