import { jsonParams } from "../lib/json-params";
import { sendDelayed } from "../lib/queue-batches";
import { attemptMessage } from "./messages";
import { type WebhookSource, webhookBody } from "./payload";

/** A random UUID made by D1 itself, so a delivery row needs no read before it is written. */
const SQL_UUID = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
  substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) ||
  substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

/** An endpoint that is on and listens for the type `?type`. */
const LISTENS = `e.enabled = 1 AND EXISTS
  (SELECT 1 FROM json_each(e.events) j WHERE j.value IN ('*', %TYPE%))`;

/**
 * Each change of `?1` (a JSON array of `{ id, type, eventId, body }`), kept once for all its
 * organizer's endpoints, when any of them listens.
 */
const MESSAGES_SQL = `INSERT INTO webhook_messages (id, organizer_id, type, body, created_at)
  SELECT s.value ->> 'id', ev.organizer_id, s.value ->> 'type', s.value ->> 'body', ?2
  FROM json_each(?1) s JOIN events ev ON ev.id = s.value ->> 'eventId'
  WHERE EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.organizer_id = ev.organizer_id AND
    ${LISTENS.replace("%TYPE%", "s.value ->> 'type'")})
  ON CONFLICT (id) DO NOTHING`;

/** One delivery per listening endpoint; a repeated change finds them made. */
const DELIVERIES_SQL = `INSERT INTO webhook_deliveries
    (id, endpoint_id, message_id, status, attempts, next_attempt_at, created_at, updated_at)
  SELECT ${SQL_UUID}, e.id, m.id, 'pending', 0, ?2, ?2, ?2
  FROM json_each(?1) s
  JOIN webhook_messages m ON m.id = s.value ->> 'id'
  JOIN webhook_endpoints e ON e.organizer_id = m.organizer_id
  WHERE ${LISTENS.replace("%TYPE%", "m.type")}
  ON CONFLICT (endpoint_id, message_id) DO NOTHING`;

/** Every delivery of these messages not yet tried: a retried fan-out sends them again. */
const UNTRIED_SQL = `SELECT id FROM webhook_deliveries
  WHERE message_id IN (SELECT value FROM json_each(?1)) AND status = 'pending' AND attempts = 0`;

/**
 * Turns a batch of changes into deliveries: one D1 round trip, of the same three statements
 * whatever the batch's size, records a message and its deliveries for every change whose
 * organizer has a listening endpoint, then one queue
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
  const groups = jsonParams(
    sources.map((s) => ({ id: s.id, type: s.type, eventId: s.eventId, body: webhookBody(s) })),
  );
  const results = await env.DB.batch<{ id: string }>([
    ...groups.flatMap((group) => [
      env.DB.prepare(MESSAGES_SQL).bind(group, at),
      env.DB.prepare(DELIVERIES_SQL).bind(group, at),
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
