const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an ISO 8601 date-time. A value without an offset is read as UTC, as the
 * seed API wrote it. Impossible calendar values (Feb 30, 25:00) are rejected rather
 * than rolled over.
 */
export const parseDateTime = (input: string): Date | null => {
  const m = ISO_DATE_TIME.exec(input);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00", frac = "", offset = "Z"] = m;
  const date = new Date(
    `${y}-${mo}-${d}T${h}:${mi}:${s}.${frac.padEnd(3, "0").slice(0, 3)}${offset}`,
  );
  if (Number.isNaN(date.getTime())) return null;
  const local = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)),
  );
  const sameWallClock =
    local.getUTCFullYear() === Number(y) &&
    local.getUTCMonth() === Number(mo) - 1 &&
    local.getUTCDate() === Number(d) &&
    local.getUTCHours() === Number(h) &&
    local.getUTCMinutes() === Number(mi) &&
    local.getUTCSeconds() === Number(s);
  return sameWallClock ? date : null;
};

/** Normalizes any accepted input to the canonical UTC form stored and returned by the API. */
export const toUtcIso = (input: string): string | null =>
  parseDateTime(input)?.toISOString() ?? null;

export const nowIso = (): string => new Date().toISOString();

/** One day, the unit of every retention in the API: idempotency keys, outbox history, reminders. */
export const DAY_MS = 24 * 60 * 60 * 1000;
