import { IDEMPOTENCY_TTL_MS } from "../../../ledger/idempotency";
import { problem } from "../../../lib/problem";

const CLAIM = `INSERT INTO idempotency_keys (scope, key, request_hash, event_id, created_at)
  VALUES (?1, ?2, ?3, ?4, ?5)
  ON CONFLICT (scope, key) DO UPDATE SET
    request_hash = excluded.request_hash, event_id = excluded.event_id, created_at = excluded.created_at
  WHERE idempotency_keys.created_at < ?6`;

const CLAIMED = "SELECT request_hash FROM idempotency_keys WHERE scope = ?1 AND key = ?2";

/**
 * Binds the key to this request body in D1 before any ledger sees it. A key that is
 * already bound to another body (possibly for another event) is refused here; the
 * event's ledger then replays or decides, atomically with the booking itself.
 */
export const claimIdempotencyKey = async (
  d1: D1Database,
  claim: { scope: string; key: string; requestHash: string; eventId: string },
) => {
  const now = Date.now();
  // Raw statements, because drizzle cannot batch raw SQL on D1 (drizzle-orm#2277).
  const [, claimed] = await d1.batch<{ request_hash: string }>([
    d1
      .prepare(CLAIM)
      .bind(
        claim.scope,
        claim.key,
        claim.requestHash,
        claim.eventId,
        new Date(now).toISOString(),
        new Date(now - IDEMPOTENCY_TTL_MS).toISOString(),
      ),
    d1.prepare(CLAIMED).bind(claim.scope, claim.key),
  ]);
  if (claimed?.results[0]?.request_hash !== claim.requestHash) {
    throw problem(
      "idempotency_key_reused",
      "This Idempotency-Key was used with another request body.",
    );
  }
};
