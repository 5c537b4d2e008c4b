import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { foldForSearch } from "../lib/search";
import type { EventQuery } from "../schemas/events";
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

const listFilter = (query: EventQuery): SQL | undefined =>
  and(
    query.country ? eq(events.country, query.country) : undefined,
    query.status ? eq(events.status, query.status) : undefined,
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
