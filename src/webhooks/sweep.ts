import { log } from "../lib/logger";
import { sendDelayed } from "../lib/queue-batches";
import { DAY_MS } from "../lib/time";
import { attemptMessage } from "./messages";

/** How long the delivery log keeps a message and its deliveries. */
export const LOG_RETENTION_MS = 30 * DAY_MS;
/** A due attempt this late lost its queue message (a send that failed after D1 recorded it). */
const LOST_AFTER_MS = 60 * 60 * 1000;
/** Rows one sweep touches, far below an invocation's limits. */
const SWEEP_ROWS = 500;

/**
 * On the cron trigger: sends again the attempts whose queue message was lost, and drops
 * the log past its retention. Repeated attempt messages are harmless: each attempt is
 * recorded once, by number.
 */
export const sweepWebhooks = async (env: Env, now = Date.now()): Promise<void> => {
  const expired = new Date(now - LOG_RETENTION_MS).toISOString();
  const [lost, , dropped] = await env.DB.batch<{ id: string; attempts: number }>([
    env.DB.prepare(
      `SELECT id, attempts FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at < ?
       ORDER BY next_attempt_at LIMIT ?`,
    ).bind(new Date(now - LOST_AFTER_MS).toISOString(), SWEEP_ROWS),
    env.DB.prepare(
      `DELETE FROM webhook_deliveries WHERE message_id IN
         (SELECT id FROM webhook_messages WHERE created_at < ? LIMIT ?)`,
    ).bind(expired, SWEEP_ROWS),
    env.DB.prepare(
      `DELETE FROM webhook_messages WHERE id IN
         (SELECT id FROM webhook_messages WHERE created_at < ? LIMIT ?)`,
    ).bind(expired, SWEEP_ROWS),
  ]);
  const resent = lost?.results ?? [];
  await sendDelayed(
    env.NOTIFY_QUEUE,
    resent.map((d) => ({ body: attemptMessage(d.id, d.attempts + 1, now) })),
  );
  log(env, "info", "webhook sweep done", {
    resent: resent.length,
    dropped: dropped?.meta.changes ?? 0,
  });
};
