import { expireKeysStatement } from "./d1-copy";
import { expireAnswers, IDEMPOTENCY_TTL_MS } from "./idempotency";

/** Parts of the ledger that keep records only as long as a retry may still ask for them. */
interface Forgetful {
  forget(now: number): void;
}

/**
 * Forgets what no retry can ask for any more: answers to idempotent requests (here and
 * their keys in D1), provider report ids, outbox rows copied and published long ago.
 */
export const sweep = async (
  env: Env,
  sql: SqlStorage,
  eventId: string | undefined,
  now: number,
  parts: readonly Forgetful[],
) => {
  expireAnswers(sql, now);
  for (const part of parts) part.forget(now);
  if (!eventId) return;
  await expireKeysStatement(env.DB, eventId, new Date(now - IDEMPOTENCY_TTL_MS)).run();
};
