import { callLedger, ledgerOf } from "../ledger/client";
import { log } from "../lib/logger";

export const ACCOUNT_CLOSURE_QUEUE = "account-closures";
/** Ledger calls per invocation: an account of any size is deleted in bounded steps. */
export const EVENTS_PER_STEP = 25;
/** How long a message waits for the closing mark its sender is about to write. */
const MARK_WAIT_ATTEMPTS = 3;

export interface ClosureMessage {
  organizerId: string;
}

/**
 * Deletes the next few events of a closing account, each through its ledger as
 * `DELETE /api/events/{id}` does; once none is left, the account row goes. Answers
 * whether events remain. No event can be added meanwhile: creation checks the mark.
 */
export const closeAccountStep = async (env: Env, organizerId: string): Promise<boolean> => {
  const { results } = await env.DB.prepare("SELECT id FROM events WHERE organizer_id = ? LIMIT ?")
    .bind(organizerId, EVENTS_PER_STEP + 1)
    .all<{ id: string }>();
  const step = results.slice(0, EVENTS_PER_STEP);
  await Promise.all(step.map(({ id }) => callLedger(() => ledgerOf(env, id).deleteEvent(id))));
  if (results.length > EVENTS_PER_STEP) return true;
  await env.DB.prepare(
    `DELETE FROM users WHERE id = ?1 AND closed_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM events WHERE organizer_id = ?1)`,
  )
    .bind(organizerId)
    .run();
  return false;
};

const closedAtOf = (env: Env, organizerId: string) =>
  env.DB.prepare("SELECT closed_at FROM users WHERE id = ?")
    .bind(organizerId)
    .first<{ closed_at: string | null }>();

/**
 * The closure queue's consumer. A message may arrive before the closing mark its
 * sender writes right after sending: it waits a little, then gives up (the mark never
 * came, so the account stays). Each step that leaves events behind sends the next.
 */
export const consumeClosures = async (batch: MessageBatch<unknown>, env: Env) => {
  for (const message of batch.messages) {
    const { organizerId } = message.body as ClosureMessage;
    try {
      const account = await closedAtOf(env, organizerId);
      if (account && account.closed_at === null) {
        if (message.attempts < MARK_WAIT_ATTEMPTS) message.retry({ delaySeconds: 5 });
        else message.ack();
        continue;
      }
      if (account && (await closeAccountStep(env, organizerId))) {
        await env.ACCOUNT_QUEUE.send({ organizerId } satisfies ClosureMessage);
      }
      message.ack();
    } catch (error) {
      log(env, "error", "account closure step failed; retrying", {
        organizerId,
        attempt: message.attempts,
        error: error instanceof Error ? error.message : String(error),
      });
      message.retry({ delaySeconds: Math.min(300, 2 ** message.attempts) });
    }
  }
};
