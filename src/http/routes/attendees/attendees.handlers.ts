import { presentBooking } from "../../../contracts/booking";
import { insertAttendee, listAttendees, updateAttendee } from "../../../db/attendees";
import { listBookings } from "../../../db/bookings";
import { database } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import type { AttendeeRow } from "../../../db/schema";
import { newId } from "../../../lib/ids";
import { pageOf } from "../../../lib/page";
import { problem } from "../../../lib/problem";
import { foldForSearch } from "../../../lib/search";
import { nowIso } from "../../../lib/time";
import { departAttendee } from "../../../workflows/depart-attendee";
import { ownAttendee, readableAttendee } from "../../access";
import { callerOf, newAttendeeToken } from "../../auth";
import type { AppRouteHandler } from "../../router";
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
  const id = newId();
  const { token, hash } = await newAttendeeToken(c.env, id);
  const now = nowIso();
  const row: AttendeeRow = {
    id,
    ...input,
    nameFolded: foldForSearch(input.name),
    tokenHash: hash,
    notifyEmail: true,
    notifyPush: true,
    notifyWebsocket: true,
    leavingAt: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await insertAttendee(database(c.env.DB), row);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailInUse();
    throw error;
  }
  c.header("Location", `/api/attendees/${row.id}`);
  return c.json({ attendee: presentAttendee(row), token }, 201);
};

/** An organizer lists only the people who booked their events. */
export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { q, ...paging } = c.req.valid("query");
  const { rows, total } = await listAttendees(database(c.env.DB), callerOf(c).id, q, paging);
  return c.json(pageOf(rows.map(presentAttendee), paging, total), 200);
};

export const get: AppRouteHandler<typeof routes.get> = async (c) => {
  const row = await readableAttendee(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  return c.json(presentAttendee(row), 200);
};

export const patch: AppRouteHandler<typeof routes.patch> = async (c) => {
  const db = database(c.env.DB);
  const row = await ownAttendee(db, callerOf(c), c.req.valid("param").id);
  const input = c.req.valid("json");
  const next: AttendeeRow = {
    ...row,
    ...input,
    nameFolded: foldForSearch(input.name ?? row.name),
    updatedAt: nowIso(),
  };
  try {
    await updateAttendee(db, row.id, next);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailInUse();
    throw error;
  }
  return c.json(presentAttendee(next), 200);
};

/**
 * Each event's ledger cancels the attendee's booking and promotes from its waitlist
 * before the record goes, so no seat is lost with the attendee (`booking/departure.ts`).
 */
export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  const row = await ownAttendee(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  await departAttendee(c.env, row.id);
  return c.json({ message: "Attendee deleted" }, 200);
};

/** An organizer sees the attendee's bookings for their own events only. */
export const bookings: AppRouteHandler<typeof routes.bookings> = async (c) => {
  const db = database(c.env.DB);
  const caller = callerOf(c);
  const row = await readableAttendee(db, caller, c.req.valid("param").id);
  const { status, ...paging } = c.req.valid("query");
  const organizerId = caller.kind === "organizer" ? caller.id : undefined;
  const page = await listBookings(db, { attendeeId: row.id, organizerId, status }, paging);
  return c.json(pageOf(page.rows.map(presentBooking), paging, page.total), 200);
};
