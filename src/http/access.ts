import { findAttendee, findAttendeeOf } from "../db/attendees";
import type { Database } from "../db/client";
import { findEvent } from "../db/events";
import { problem } from "../lib/problem";
import type { Caller } from "./app-env";

/**
 * Who may touch what, in one place. Each check loads the record and answers 404 when
 * it is unknown and 403 when the caller may not act on it; attendees are checked
 * against the id in the path before any lookup, so they learn nothing of others.
 */

/** An event the caller organizes. */
export const ownedEvent = async (db: Database, caller: Caller, id: string) => {
  const row = await findEvent(db, id);
  if (!row) throw problem("event_not_found", "No event has this id.");
  if (caller.kind !== "organizer" || row.organizerId !== caller.id) {
    throw problem("forbidden", "Only the event's organizer may do this.");
  }
  return row;
};

/** The booking read, if the caller is its attendee or its event's organizer. */
export const allowedBooking = <B extends { attendeeId: string; organizerId: string }>(
  caller: Caller,
  row: B | undefined,
) => {
  if (!row) throw problem("booking_not_found", "No booking has this id.");
  const allowed =
    caller.kind === "attendee" ? row.attendeeId === caller.id : row.organizerId === caller.id;
  if (!allowed) {
    throw problem("forbidden", "Only the booking's attendee or the event's organizer may do this.");
  }
  return row;
};

const attendeeFor = async (db: Database, allowed: boolean, id: string) => {
  if (!allowed) throw problem("forbidden", "An attendee may only act on their own record.");
  const row = await findAttendee(db, id);
  if (!row) throw problem("attendee_not_found", "No attendee has this id.");
  return row;
};

/** The calling attendee's own record, to change. */
export const ownAttendee = (db: Database, caller: Caller, id: string) =>
  attendeeFor(db, caller.kind === "attendee" && caller.id === id, id);

/**
 * An attendee's record to read: their own, or for an organizer one who booked their
 * events themselves. Anyone else's attendee is unknown to an organizer (404), so ids
 * reveal nothing.
 */
export const readableAttendee = async (db: Database, caller: Caller, id: string) => {
  if (caller.kind === "attendee") return attendeeFor(db, caller.id === id, id);
  const row = await findAttendeeOf(db, caller.id, id);
  if (!row) throw problem("attendee_not_found", "No attendee has this id.");
  return row;
};
