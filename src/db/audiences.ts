import { and, count, desc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Database } from "./client";
import { eventInterests, events, organizerFollows, users } from "./schema";

type Page = { limit: number; offset: number };

// Qualified by hand: inside a subquery drizzle would render the bare column name.
const eventCount = sql<number>`(SELECT count(*) FROM events e WHERE e.organizer_id = "users"."id")`;
const followerCount = sql<number>`(SELECT count(*) FROM organizer_follows f WHERE f.organizer_id = "users"."id")`;

const profileColumns = {
  id: users.id,
  name: users.name,
  createdAt: users.createdAt,
  eventCount,
  followerCount,
};

/** The public face of an organizer: never their email. */
export const findOrganizer = (db: Database, id: string) =>
  db.select(profileColumns).from(users).where(eq(users.id, id)).get();

export const organizerExists = async (db: Database, id: string) =>
  Boolean(await db.select({ id: users.id }).from(users).where(eq(users.id, id)).get());

/** Inserts the row unless it exists; answers whether it was new, and the stored row. */
export const follow = async (
  db: Database,
  organizerId: string,
  attendeeId: string,
  now: string,
) => {
  const [inserted, row] = await db.batch([
    db
      .insert(organizerFollows)
      .values({ organizerId, attendeeId, createdAt: now })
      .onConflictDoNothing()
      .returning(),
    db
      .select()
      .from(organizerFollows)
      .where(
        and(
          eq(organizerFollows.organizerId, organizerId),
          eq(organizerFollows.attendeeId, attendeeId),
        ),
      ),
  ]);
  return { created: inserted.length > 0, row: row[0] };
};

export const unfollow = (db: Database, organizerId: string, attendeeId: string) =>
  db
    .delete(organizerFollows)
    .where(
      and(
        eq(organizerFollows.organizerId, organizerId),
        eq(organizerFollows.attendeeId, attendeeId),
      ),
    );

/** The organizers an attendee follows, most recently followed first. */
export const listFollowing = async (db: Database, attendeeId: string, page: Page) => {
  const mine = eq(organizerFollows.attendeeId, attendeeId);
  const [rows, totals] = await db.batch([
    db
      .select(profileColumns)
      .from(organizerFollows)
      .innerJoin(users, eq(users.id, organizerFollows.organizerId))
      .where(mine)
      .orderBy(desc(organizerFollows.createdAt), desc(organizerFollows.organizerId))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(organizerFollows).where(mine),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
};

export const addInterest = async (
  db: Database,
  eventId: string,
  attendeeId: string,
  now: string,
) => {
  const [inserted, row] = await db.batch([
    db
      .insert(eventInterests)
      .values({ eventId, attendeeId, createdAt: now })
      .onConflictDoNothing()
      .returning(),
    db
      .select()
      .from(eventInterests)
      .where(and(eq(eventInterests.eventId, eventId), eq(eventInterests.attendeeId, attendeeId))),
  ]);
  return { created: inserted.length > 0, row: row[0] };
};

export const removeInterest = (db: Database, eventId: string, attendeeId: string) =>
  db
    .delete(eventInterests)
    .where(and(eq(eventInterests.eventId, eventId), eq(eventInterests.attendeeId, attendeeId)));

/** The events an attendee is interested in, most recent interest first. */
export const listInterests = async (db: Database, attendeeId: string, page: Page) => {
  const mine = eq(eventInterests.attendeeId, attendeeId);
  const [rows, totals] = await db.batch([
    db
      .select(getTableColumns(events))
      .from(eventInterests)
      .innerJoin(events, eq(events.id, eventInterests.eventId))
      .where(mine)
      .orderBy(desc(eventInterests.createdAt), desc(eventInterests.eventId))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(eventInterests).where(mine),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
};
