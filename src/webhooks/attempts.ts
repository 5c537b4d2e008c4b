import { fetchWithin } from "../lib/deadline";
import { newId } from "../lib/ids";
import { log } from "../lib/logger";
import { mapPooled } from "../lib/pool";
import { sendDelayed } from "../lib/queue-batches";
import { type AttemptMessage, attemptMessage, type DisabledNotice } from "./messages";
import {
  ATTEMPT_TIMEOUT_MS,
  FAILING_LIMIT_MS,
  nextAttemptAt,
  queueDelaySeconds,
  retryAfterMs,
} from "./schedule";
import { jwtSecretOf, openSecret, signatureHeader } from "./signing";
import { allowsLocal, webhookUrlProblem } from "./url";

/**
 * Connections an invocation keeps open at once: the POSTs go six at a time, so each one's
 * 15 s starts when it is sent, and a hanging receiver cannot time out the others.
 */
const OPEN_CONNECTIONS = 6;

/** What the service reads of time and chance; tests drive the schedule with their own. */
export interface Clock {
  now: () => number;
  random: () => number;
}
const realClock: Clock = { now: Date.now, random: Math.random };

type DeliveryRow = {
  id: string;
  attempts: number;
  status: string;
  message_id: string;
  body: string;
  endpoint_id: string;
  organizer_id: string;
  url: string;
  enabled: number;
  secret: string;
  previous_secret: string | null;
  previous_until: string | null;
  language: string;
};

const READ_SQL = `SELECT d.id, d.attempts, d.status, d.message_id, m.body, d.endpoint_id,
    e.organizer_id, e.url, e.enabled, e.secret, e.previous_secret, e.previous_until, e.language
  FROM webhook_deliveries d
  JOIN webhook_endpoints e ON e.id = d.endpoint_id
  JOIN webhook_messages m ON m.id = d.message_id
  WHERE d.id IN (SELECT value FROM json_each(?1))`;

/** Records one attempt, only if no other copy of its queue message recorded it first. */
const RECORD_SQL = `UPDATE webhook_deliveries SET status = ?1, attempts = ?2, last_status = ?3,
    last_error = ?4, next_attempt_at = ?5, updated_at = ?6
  WHERE id = ?7 AND attempts = ?2 - 1 RETURNING id`;

const DISABLE_RETURNING = "RETURNING id, organizer_id, url, language, disabled_reason";

type Answer = { status: number | null; error: string | null; retryAfter: number | null };
type Outcome = Answer & { row: DeliveryRow; job: AttemptMessage; sent: boolean };

const describeFailure = (error: unknown): string => {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  }
  return `network: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
};

/** The endpoint's live secrets: the current one, and the one a rotation replaced for a day. */
const secretsOf = async (env: Env, row: DeliveryRow, now: number): Promise<string[]> => {
  const key = jwtSecretOf(env);
  const previous =
    row.previous_secret && row.previous_until && Date.parse(row.previous_until) > now
      ? [await openSecret(key, row.previous_secret)]
      : [];
  return [await openSecret(key, row.secret), ...previous];
};

/**
 * One POST, signed for this moment (receivers refuse old timestamps), never following a
 * redirect, and given up on after 15 s.
 */
const post = async (env: Env, row: DeliveryRow, now: number): Promise<Answer> => {
  const timestamp = Math.floor(now / 1000);
  const signature = await signatureHeader(
    await secretsOf(env, row, now),
    row.message_id,
    timestamp,
    row.body,
  );
  try {
    const res = await fetchWithin(
      row.url,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "event-booking-webhooks/1",
          "webhook-id": row.message_id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signature,
        },
        body: row.body,
        redirect: "manual",
      },
      ATTEMPT_TIMEOUT_MS,
    );
    await res.body?.cancel();
    if (res.ok) return { status: res.status, error: null, retryAfter: null };
    const wait =
      res.status === 429 || res.status === 503
        ? retryAfterMs(res.headers.get("Retry-After"), now)
        : null;
    const error =
      res.status >= 300 && res.status < 400
        ? `HTTP ${res.status}: redirects are not followed`
        : `HTTP ${res.status}`;
    return { status: res.status, error, retryAfter: wait };
  } catch (error) {
    return { status: null, error: describeFailure(error), retryAfter: null };
  }
};

/** A URL stored while local delivery was allowed is not sent to once it no longer is. */
const urlRefusal = (env: Env, url: string): string | null => {
  const problem = webhookUrlProblem(url, allowsLocal(env));
  return problem ? `URL refused: ${problem}` : null;
};

const attemptOne = async (
  env: Env,
  row: DeliveryRow,
  job: AttemptMessage,
  now: number,
): Promise<Outcome> => {
  const refused = !row.enabled && !job.manual ? "endpoint disabled" : urlRefusal(env, row.url);
  if (refused) return { row, job, sent: false, status: null, error: refused, retryAfter: null };
  return { row, job, sent: true, ...(await post(env, row, now)) };
};

/** The statements that record one outcome, and what follows from it. */
const recordOf = (env: Env, outcome: Outcome, clock: Clock, now: number) => {
  const at = new Date(now).toISOString();
  const { row, job, status } = outcome;
  const delivered = outcome.sent && outcome.error === null;
  const gone = status === 410;
  const next =
    delivered || gone || !row.enabled || !outcome.sent
      ? null
      : nextAttemptAt(job.attempt, now, clock.random(), outcome.retryAfter);
  const state = delivered ? "delivered" : next === null ? "failed" : "pending";
  const statements = [
    env.DB.prepare(RECORD_SQL).bind(
      state,
      job.attempt,
      status,
      gone ? "HTTP 410: the endpoint is gone and was turned off" : outcome.error,
      next === null ? null : new Date(next).toISOString(),
      at,
      row.id,
    ),
  ];
  if (outcome.sent && delivered) {
    statements.push(
      env.DB.prepare(
        "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL",
      ).bind(row.endpoint_id),
    );
  } else if (outcome.sent && gone) {
    statements.push(
      env.DB.prepare(
        `UPDATE webhook_endpoints SET enabled = 0, disabled_reason = 'gone', updated_at = ?2
         WHERE id = ?1 AND enabled = 1 ${DISABLE_RETURNING}`,
      ).bind(row.endpoint_id, at),
    );
  } else if (outcome.sent) {
    statements.push(
      env.DB.prepare(
        "UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, ?2) WHERE id = ?1",
      ).bind(row.endpoint_id, at),
      env.DB.prepare(
        `UPDATE webhook_endpoints SET enabled = 0, disabled_reason = 'failing', updated_at = ?2
         WHERE id = ?1 AND enabled = 1 AND failing_since <= ?3 ${DISABLE_RETURNING}`,
      ).bind(row.endpoint_id, at, new Date(now - FAILING_LIMIT_MS).toISOString()),
    );
  }
  return { statements, next };
};

type Disabled = {
  id: string;
  organizer_id: string;
  url: string;
  language: string;
  disabled_reason: "gone" | "failing";
};

const noticeOf = (endpoint: Disabled, at: string): DisabledNotice => ({
  kind: "webhook.disabled",
  id: newId(),
  endpointId: endpoint.id,
  organizerId: endpoint.organizer_id,
  url: endpoint.url,
  reason: endpoint.disabled_reason,
  language: endpoint.language,
  occurredAt: at,
});

/**
 * Makes the attempts a batch carries: one D1 read for all of them, the POSTs in parallel,
 * one D1 batch recording every outcome, one queue send for what follows (the next
 * attempts, each delayed by the schedule, and any organizer notice). A message that is
 * not yet due goes back for the rest of its wait; a repeated one finds its attempt made.
 * Throws when D1 or the queue fails; every message may then be retried as it is.
 */
export const attemptWebhooks = async (
  env: Env,
  jobs: readonly AttemptMessage[],
  clock: Clock = realClock,
): Promise<void> => {
  if (jobs.length === 0) return;
  const now = clock.now();
  const read = await env.DB.prepare(READ_SQL)
    .bind(JSON.stringify(jobs.map((j) => j.deliveryId)))
    .all<DeliveryRow>();
  const rows = new Map(read.results.map((r) => [r.id, r]));
  const later: { body: unknown; delaySeconds?: number }[] = [];
  const due: { row: DeliveryRow; job: AttemptMessage }[] = [];
  for (const job of jobs) {
    const row = rows.get(job.deliveryId);
    // Deleted, already decided, or this attempt already made: nothing to do.
    if (row?.status !== "pending" || row.attempts !== job.attempt - 1) continue;
    if (job.dueAt > now + 1000) {
      later.push({ body: job, delaySeconds: queueDelaySeconds(job.dueAt, now) });
      continue;
    }
    due.push({ row, job });
  }
  const outcomes = await mapPooled(due, OPEN_CONNECTIONS, ({ row, job }) =>
    attemptOne(env, row, job, now),
  );
  const records = outcomes.map((o) => recordOf(env, o, clock, now));
  const results = records.length
    ? await env.DB.batch<Record<string, string>>(records.flatMap((r) => r.statements))
    : [];
  let offset = 0;
  const at = new Date(now).toISOString();
  outcomes.forEach((outcome, i) => {
    const record = records[i];
    if (!record) return;
    const [recorded, ...rest] = results.slice(offset, offset + record.statements.length);
    offset += record.statements.length;
    const landed = (recorded?.results.length ?? 0) > 0;
    if (landed && record.next !== null) {
      later.push({
        body: attemptMessage(outcome.row.id, outcome.job.attempt + 1, record.next),
        delaySeconds: queueDelaySeconds(record.next, now),
      });
    }
    for (const disabled of rest.flatMap((r) => r.results as unknown as Disabled[])) {
      later.push({ body: noticeOf(disabled, at) });
    }
    log(env, outcome.error ? "warn" : "info", "webhook attempt", {
      deliveryId: outcome.row.id,
      endpointId: outcome.row.endpoint_id,
      webhookId: outcome.row.message_id,
      attempt: outcome.job.attempt,
      status: outcome.status,
      error: outcome.error,
      nextAttemptAt: record.next === null ? null : new Date(record.next).toISOString(),
    });
  });
  await sendDelayed(env.NOTIFY_QUEUE, later);
};
