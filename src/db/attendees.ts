import { and, count, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { foldForSearch } from "../lib/search";
import type { Database } from "./client";
import { type AttendeeRow, attendees, bookings, events } from "./schema";

/** An attendee who asked to be deleted is gone for every read, while their bookings are released. */
const present = () => isNull(attendees.leavingAt);

export const findAttendee = (db: Database, id: string) =>
  db
    .select()
    .from(attendees)
    .where(and(eq(attendees.id, id), present()))
    .get();

/** The current name of each attendee still present, by id: one statement and one parameter. */
export const namesOf = async (db: Database, ids: readonly string[]) => {
  const rows = await db
    .select({ id: attendees.id, name: attendees.name })
    .from(attendees)
    .where(
      and(sql`${attendees.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`, present()),
    );
  return new Map(rows.map((row) => [row.id, row.name]));
};

/**
 * Attendees who hold or held a booking of their own on one of the organizer's events:
 * the only ones that organizer may see. Cancelled bookings count; a deleted event's do
 * not, nor does one the organizer placed, since any attendee id could be booked so.
 */
const bookedWithOrganizer = (db: Database, organizerId: string): SQL =>
  inArray(
    attendees.id,
    db
      .select({ id: bookings.attendeeId })
      .from(bookings)
      .innerJoin(events, eq(events.id, bookings.eventId))
      .where(and(eq(events.organizerId, organizerId), eq(bookings.bookedBy, "attendee"))),
  );

/**
 * A plain-text substring of the folded name or of the (lower-case ASCII) email:
 * `instr` never reads the user's text as a LIKE pattern. Rows older than the folded
 * column fall back to `lower(name)` until the backfill folds them.
 */
const nameOrEmailContains = (q: string): SQL => {
  const folded = foldForSearch(q);
  return sql`(instr(coalesce(${attendees.nameFolded}, lower(${attendees.name})), ${folded}) > 0
    OR instr(${attendees.email}, ${folded}) > 0)`;
};

/** An attendee the organizer may see, or undefined when unknown or someone else's. */
export const findAttendeeOf = (db: Database, organizerId: string, id: string) =>
  db
    .select()
    .from(attendees)
    .where(and(eq(attendees.id, id), present(), bookedWithOrganizer(db, organizerId)))
    .get();

/** A page of the organizer's attendees by name, optionally those matching `q`. */
export const listAttendees = async (
  db: Database,
  organizerId: string,
  q: string | undefined,
  page: { limit: number; offset: number },
) => {
  const where = and(
    present(),
    bookedWithOrganizer(db, organizerId),
    q ? nameOrEmailContains(q) : undefined,
  );
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
