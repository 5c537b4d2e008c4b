import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { problem } from "../../lib/problem";

const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Binds the key to this request body in D1 before any ledger sees it. A key that is
 * already bound to another body (possibly for another event) is refused here; the
 * event's ledger then replays or decides, atomically with the booking itself.
 */
export const claimIdempotencyKey = async (
  db: Database,
  claim: { scope: string; key: string; requestHash: string; eventId: string },
) => {
  const now = new Date();
  const expired = new Date(now.getTime() - TTL_MS).toISOString();
  const [, rows] = await db.batch([
    db.run(sql`INSERT INTO idempotency_keys (scope, key, request_hash, event_id, created_at)
      VALUES (${claim.scope}, ${claim.key}, ${claim.requestHash}, ${claim.eventId}, ${now.toISOString()})
      ON CONFLICT (scope, key) DO UPDATE SET
        request_hash = excluded.request_hash, event_id = excluded.event_id, created_at = excluded.created_at
      WHERE idempotency_keys.created_at < ${expired}`),
    db.all<{ request_hash: string }>(
      sql`SELECT request_hash FROM idempotency_keys WHERE scope = ${claim.scope} AND key = ${claim.key}`,
    ),
  ]);
  if (rows[0]?.request_hash !== claim.requestHash) {
    throw problem(
      "idempotency_key_reused",
      "This Idempotency-Key was used with another request body.",
    );
  }
};
