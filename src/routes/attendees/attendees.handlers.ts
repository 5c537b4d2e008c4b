import { count, eq, or, sql } from "drizzle-orm";
import { presentBooking } from "../../booking/booking";
import { callLedger, ledgerOf } from "../../booking/client";
import { activeEventIdsOf, listBookings } from "../../db/bookings";
import { type Database, database } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { likePattern } from "../../db/events";
import { type AttendeeRow, attendees } from "../../db/schema";
import { type Caller, callerOf, newAttendeeToken } from "../../lib/auth";
import { newId } from "../../lib/ids";
import { problem } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { nowIso } from "../../lib/time";
import type * as routes from "./attendees.routes";

const presentAttendee = (row: AttendeeRow) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  locale: row.locale,
  createdAt: row.createdAt,
});

const emailInUse = () => problem("attendee_exists", "An attendee with this email already exists.");

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const input = c.req.valid("json");
  const { token, hash } = await newAttendeeToken();
  const now = nowIso();
  const row: AttendeeRow = {
    id: newId(),
    ...input,
    tokenHash: hash,
    notifyEmail: true,
    notifyPush: true,
    notifyWebsocket: true,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await database(c.env.DB).insert(attendees).values(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailInUse();
    throw error;
  }
  c.header("Location", `/api/attendees/${row.id}`);
  return c.json({ attendee: presentAttendee(row), token }, 201);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { limit, offset, q } = c.req.valid("query");
  const db = database(c.env.DB);
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
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(attendees).where(where),
  ]);
  return c.json(
    {
      data: rows.map(presentAttendee),
      pagination: { limit, offset, total: totals[0]?.total ?? 0 },
    },
    200,
  );
};

/** An attendee acts only on themselves; `organizersMayRead` opens reads to organizers. */
export const loadAttendee = async (
  db: Database,
  caller: Caller,
  id: string,
  organizersMayRead = false,
) => {
  const allowed = caller.kind === "attendee" ? caller.id === id : organizersMayRead;
  if (!allowed) throw problem("forbidden", "An attendee may only act on their own record.");
  const row = await db.select().from(attendees).where(eq(attendees.id, id)).get();
  if (!row) throw problem("attendee_not_found", "No attendee has this id.");
  return row;
};

export const get: AppRouteHandler<typeof routes.get> = async (c) => {
  const row = await loadAttendee(database(c.env.DB), callerOf(c), c.req.valid("param").id, true);
  return c.json(presentAttendee(row), 200);
};

export const patch: AppRouteHandler<typeof routes.patch> = async (c) => {
  const db = database(c.env.DB);
  const row = await loadAttendee(db, callerOf(c), c.req.valid("param").id);
  const next: AttendeeRow = { ...row, ...c.req.valid("json"), updatedAt: nowIso() };
  try {
    await db.update(attendees).set(next).where(eq(attendees.id, row.id));
  } catch (error) {
    if (isUniqueViolation(error)) throw emailInUse();
    throw error;
  }
  return c.json(presentAttendee(next), 200);
};

/**
 * Each event's ledger cancels the attendee's booking and promotes from its waitlist
 * before the record goes, so no seat is lost with the attendee.
 */
export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  const db = database(c.env.DB);
  const row = await loadAttendee(db, callerOf(c), c.req.valid("param").id);
  const eventIds = await activeEventIdsOf(db, row.id);
  await Promise.all(
    eventIds.map((eventId) =>
      callLedger(() => ledgerOf(c.env, eventId).releaseAttendee(eventId, row.id)),
    ),
  );
  await db.delete(attendees).where(eq(attendees.id, row.id));
  return c.json({ message: "Attendee deleted" }, 200);
};

/** An organizer sees the attendee's bookings for their own events only. */
export const bookings: AppRouteHandler<typeof routes.bookings> = async (c) => {
  const db = database(c.env.DB);
  const caller = callerOf(c);
  const row = await loadAttendee(db, caller, c.req.valid("param").id, true);
  const { limit, offset, status } = c.req.valid("query");
  const organizerId = caller.kind === "organizer" ? caller.id : undefined;
  const page = await listBookings(
    db,
    { attendeeId: row.id, organizerId, status },
    { limit, offset },
  );
  return c.json(
    { data: page.rows.map(presentBooking), pagination: { limit, offset, total: page.total } },
    200,
  );
};
