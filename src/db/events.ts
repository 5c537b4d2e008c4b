import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  lte,
  ne,
  type SQL,
  sql,
} from "drizzle-orm";
import type { EventStatus } from "../domain/enums";
import { statusFilter } from "../domain/event-status";
import { foldForSearch } from "../lib/search";
import { insertion, type SqlValue } from "../lib/sql";
import type { Database } from "./client";
import { type EventRow, events } from "./schema";

const SORT_COLUMNS = {
  startDate: events.startDate,
  createdAt: events.createdAt,
  title: events.title,
  capacity: events.capacity,
} as const;

/**
 * A substring test on the folded title: `instr` takes the user's text as plain text,
 * never as a LIKE pattern (D1 caps patterns at 50 bytes). Rows written before the
 * folded column existed fall back to `lower(title)` until the backfill folds them.
 */
export const titleContains = (q: string): SQL =>
  sql`instr(coalesce(${events.titleFolded}, lower(${events.title})), ${foldForSearch(q)}) > 0`;

/** The status a reader sees is derived from the dates, so the filter is too. */
const statusCondition = (status: EventStatus, now: Date): SQL | undefined => {
  const bounds = statusFilter(status, now);
  if (bounds.cancelled) return eq(events.status, "cancelled");
  return and(
    ne(events.status, "cancelled"),
    bounds.startsAfter ? gt(events.startDate, bounds.startsAfter) : undefined,
    bounds.startedBy ? lte(events.startDate, bounds.startedBy) : undefined,
    bounds.endsAfter ? gt(events.endDate, bounds.endsAfter) : undefined,
    bounds.endedBy ? lte(events.endDate, bounds.endedBy) : undefined,
  );
};

/** What the event list filters and sorts by, already validated by the API. */
export interface EventQuery {
  country?: string;
  status?: EventStatus;
  from?: string;
  to?: string;
  organizerId?: string;
  q?: string;
  sort: keyof typeof SORT_COLUMNS;
  order: "asc" | "desc";
  limit: number;
  offset: number;
}

const listFilter = (query: EventQuery): SQL | undefined =>
  and(
    query.country ? eq(events.country, query.country) : undefined,
    query.status ? statusCondition(query.status, new Date()) : undefined,
    query.from ? gte(events.startDate, query.from) : undefined,
    query.to ? lte(events.startDate, query.to) : undefined,
    query.organizerId ? eq(events.organizerId, query.organizerId) : undefined,
    query.q ? titleContains(query.q) : undefined,
  );

/** One round trip for the page and the total. */
export const listEvents = async (db: Database, query: EventQuery) => {
  const where = listFilter(query);
  const direction = query.order === "desc" ? desc : asc;
  const [rows, totals] = await db.batch([
    db
      .select()
      .from(events)
      .where(where)
      .orderBy(direction(SORT_COLUMNS[query.sort]), direction(events.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: count() }).from(events).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
};

export const findEvent = (db: Database, id: string): Promise<EventRow | undefined> =>
  db.select().from(events).where(eq(events.id, id)).get();

/** Every column of D1's `events` table, by its drizzle name, as the driver stores it. */
const driverValues = (row: EventRow): Record<string, SqlValue> =>
  Object.fromEntries(
    Object.entries(getTableColumns(events))
      .filter(([key]) => row[key as keyof EventRow] !== undefined)
      .map(([key, column]) => [
        column.name,
        column.mapToDriverValue(row[key as keyof EventRow]) as SqlValue,
      ]),
  );

/**
 * Inserts the event only while its organizer's account exists and is not closing,
 * in one statement: an account being deleted can never gain an event its closure
 * would miss. Answers null when it was not created, else whether anyone follows the organizer.
 */
export const insertEventOfOpenAccount = async (
  d1: D1Database,
  row: EventRow,
): Promise<{ followed: boolean } | null> => {
  const insert = insertion(driverValues(row));
  const organizer = `?${insert.values.length + 1}`;
  const result = await d1
    .prepare(
      `INSERT INTO events (${insert.columns}) SELECT ${insert.placeholders}
       WHERE EXISTS (SELECT 1 FROM users WHERE id = ${organizer} AND closed_at IS NULL)
       RETURNING EXISTS (SELECT 1 FROM organizer_follows WHERE organizer_id = ${organizer})
         AS followed`,
    )
    .bind(...insert.values, row.organizerId)
    .first<{ followed: number }>();
  return result ? { followed: result.followed === 1 } : null;
};
