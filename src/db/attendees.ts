import { count, eq, or, sql } from "drizzle-orm";
import type { Database } from "./client";
import { likePattern } from "./events";
import { type AttendeeRow, attendees } from "./schema";

export const findAttendee = (db: Database, id: string) =>
  db.select().from(attendees).where(eq(attendees.id, id)).get();

/** A page of attendees by name, optionally those whose name or email contains `q`. */
export const listAttendees = async (
  db: Database,
  q: string | undefined,
  page: { limit: number; offset: number },
) => {
  const pattern = likePattern(q ?? "");
  const where = q
    ? or(
        sql`${attendees.name} LIKE ${pattern} ESCAPE '\\'`,
        sql`${attendees.email} LIKE ${pattern} ESCAPE '\\'`,
      )
    : undefined;
  const [rows, totals] = await db.batch([
    db
      .select()
      .from(attendees)
      .where(where)
      .orderBy(attendees.name, attendees.id)
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(attendees).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
};

export const insertAttendee = (db: Database, row: AttendeeRow) => db.insert(attendees).values(row);

export const updateAttendee = (db: Database, id: string, changes: Partial<AttendeeRow>) =>
  db.update(attendees).set(changes).where(eq(attendees.id, id));

export const deleteAttendee = (db: Database, id: string) =>
  db.delete(attendees).where(eq(attendees.id, id));
