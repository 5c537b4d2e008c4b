import type { Booking } from "../contracts/booking";
import { type BookRequest, type LedgerReply, refusal } from "../contracts/ledger";
import { DAY_MS } from "../lib/time";

/**
 * An Idempotency-Key on POST /api/bookings is honoured in two steps, both for this long:
 *
 * 1. The Worker claims the key in D1 for (caller, body, event) before any ledger sees
 *    it (`http/routes/bookings/idempotency.ts`), so a key reused for another body, even
 *    for another event, is refused at once.
 * 2. The event's ledger records the answer in the booking's own transaction (below) and
 *    replays it to every retry; a success stays "in progress" until D1 holds the booking.
 *
 * The ledger's alarm expires both records once they are older than this.
 */
export const IDEMPOTENCY_TTL_MS = DAY_MS;

type KeyRecord = {
  request_hash: string;
  status: number;
  body: string;
  done: number;
};

/**
 * The answer already given under this key, if any: the same answer again, a refusal
 * when the key came with another body, or "in progress" while the first call runs.
 */
export const previousAnswer = (
  sql: SqlStorage,
  scope: string,
  key: string,
  requestHash: string,
): LedgerReply<Booking> | null => {
  const previous = sql
    .exec<KeyRecord>(
      "SELECT request_hash, status, body, done FROM idempotency WHERE scope = ? AND key = ? AND created_at >= ?",
      scope,
      key,
      Date.now() - IDEMPOTENCY_TTL_MS,
    )
    .toArray()[0];
  if (!previous) return null;
  if (previous.request_hash !== requestHash) {
    return {
      ...refusal("idempotency_key_reused", "This key was used with another body."),
      replayed: true,
    };
  }
  if (!previous.done) {
    return {
      ...refusal("request_in_progress", "The first request with this key is still running."),
      replayed: true,
    };
  }
  const body = JSON.parse(previous.body);
  return {
    ok: previous.status < 400,
    status: previous.status,
    body,
    replayed: true,
  } as LedgerReply<Booking>;
};

/** Stored in the booking's transaction; a successful answer stays "in progress" until D1 has it. */
const rememberAnswer = (
  sql: SqlStorage,
  scope: string,
  idempotency: { key: string; requestHash: string },
  reply: LedgerReply<Booking>,
) => {
  sql.exec(
    `INSERT OR REPLACE INTO idempotency (scope, key, request_hash, status, body, done, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    scope,
    idempotency.key,
    idempotency.requestHash,
    reply.status,
    JSON.stringify(reply.body),
    reply.ok ? 0 : 1,
    Date.now(),
  );
};

/** A booking request's answer: the one given before under its key, or a new decision, remembered. */
export const answerOnce = (
  sql: SqlStorage,
  { scope, idempotency }: BookRequest,
  place: () => LedgerReply<Booking>,
): LedgerReply<Booking> => {
  if (!idempotency) return place();
  const previous = previousAnswer(sql, scope, idempotency.key, idempotency.requestHash);
  if (previous) return previous;
  const answer = place();
  rememberAnswer(sql, scope, idempotency, answer);
  return answer;
};

/** The call answered: its answer, completed after the decision (a checkout link), is replayable. */
export const settleAnswer = (
  sql: SqlStorage,
  { scope, idempotency }: BookRequest,
  reply: LedgerReply<Booking>,
) => {
  if (!idempotency || reply.replayed) return;
  sql.exec(
    "UPDATE idempotency SET done = 1, body = ? WHERE scope = ? AND key = ?",
    JSON.stringify(reply.body),
    scope,
    idempotency.key,
  );
};

/** The call was let go of without an answer to keep: a retry under its key decides anew. */
export const forgetAnswer = (sql: SqlStorage, { scope, idempotency }: BookRequest) => {
  if (!idempotency) return;
  sql.exec("DELETE FROM idempotency WHERE scope = ? AND key = ?", scope, idempotency.key);
};

/** After a restart nothing is in flight: answers cut off before they were sent become replayable. */
export const settleAllAnswers = (sql: SqlStorage) =>
  sql.exec("UPDATE idempotency SET done = 1 WHERE done = 0");

export const expireAnswers = (sql: SqlStorage, now: number) =>
  sql.exec("DELETE FROM idempotency WHERE created_at < ?", now - IDEMPOTENCY_TTL_MS);

export const oldestAnswerExpiry = (sql: SqlStorage): number | null => {
  const at = sql
    .exec<{ at: number | null }>("SELECT min(created_at) AS at FROM idempotency")
    .one().at;
  return at === null ? null : at + IDEMPOTENCY_TTL_MS;
};
