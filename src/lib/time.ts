const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))?$/;

/** Every date-time the API accepts falls in this range once converted to UTC. */
export const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
export const LATEST_INSTANT = Date.UTC(2100, 0, 1) - 1;
export const DATE_RANGE_MESSAGE = "Must fall between 1970-01-01 and 2099-12-31 (UTC)";

/**
 * The instant of a wall-clock time read as UTC. `Date.UTC` maps years 0..99 to
 * 1900..1999, so the year is set on its own.
 */
const wallClock = (y: number, mo: number, d: number, h: number, mi: number, s: number) => {
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s));
  date.setUTCFullYear(y, mo - 1, d);
  const exact =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  return exact ? date.getTime() : null;
};

/**
 * Parses an ISO 8601 date-time into its instant. A value without an offset is read as
 * UTC, as the seed API wrote it. Impossible calendar values (Feb 30, 25:00) and offsets
 * beyond ±23:59 are rejected rather than rolled over. The range is not checked here.
 */
export const parseDateTime = (input: string): Date | null => {
  const m = ISO_DATE_TIME.exec(input);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00", frac = "", , sign, oh = "00", om = "00"] = m;
  if (Number(oh) > 23 || Number(om) > 59) return null;
  const local = wallClock(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
  if (local === null) return null;
  const millis = Number(frac.padEnd(3, "0").slice(0, 3));
  const offsetMinutes = (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return new Date(local + millis - offsetMinutes * 60_000);
};

export const isWithinDateRange = (instant: Date): boolean =>
  instant.getTime() >= EARLIEST_INSTANT && instant.getTime() <= LATEST_INSTANT;

/** Orders two stored or normalized date-times by their instants, never by their text. */
export const isAfter = (later: string, earlier: string): boolean =>
  Date.parse(later) > Date.parse(earlier);

export const nowIso = (): string => new Date().toISOString();

/** One day, the unit of every retention in the API: idempotency keys, outbox history, reminders. */
export const DAY_MS = 24 * 60 * 60 * 1000;
