import { DAY_MS } from "../lib/time";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * How long after each failed attempt the next one is made: the first attempt and eight
 * retries span a little over two days, like Stripe's and Svix's schedules.
 */
export const RETRY_DELAYS_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
  24 * HOUR,
] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const JITTER = 0.1;
/** An endpoint that has failed every attempt for this long is turned off. */
export const FAILING_LIMIT_MS = 5 * DAY_MS;
/** No receiver waits longer than this for its answer. */
export const ATTEMPT_TIMEOUT_MS = 15 * SECOND;
/** Queues delays a message by at most 12 hours: a longer wait is a chain of them. */
export const MAX_QUEUE_DELAY_S = 12 * 60 * 60;
/** A receiver asking for more time than the schedule's longest step gets that step. */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * When the attempt after attempt `attempt` (1-based) is due, or null when it was the
 * last. `random` is in [0, 1); a receiver's `Retry-After` is honored when it asks for longer.
 */
export const nextAttemptAt = (
  attempt: number,
  now: number,
  random: number,
  retryAfterMs: number | null = null,
): number | null => {
  const delay = RETRY_DELAYS_MS[attempt - 1];
  if (delay === undefined) return null;
  const jittered = Math.round(delay * (1 - JITTER + 2 * JITTER * random));
  const asked = retryAfterMs === null ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return now + Math.max(jittered, asked);
};

/** The queue delay (seconds) that brings a message to `dueAt`, or to the next link of the chain. */
export const queueDelaySeconds = (dueAt: number, now: number): number =>
  Math.min(MAX_QUEUE_DELAY_S, Math.max(0, Math.ceil((dueAt - now) / SECOND)));

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export const retryAfterMs = (header: string | null, now: number): number | null => {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * SECOND;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
};
