import { and, asc, eq, gte, isNotNull } from "drizzle-orm";
import type { Database } from "./client";
import { attendees, bookings, events, tickets } from "./schema";

/** A booking with what its tickets, calendar entry and page show, and who may see them. */
/** The read of a ticketed booking, to run alone (`findTicketedBooking`) or in a batch. */
export const ticketedBookingQuery = (db: Database, id: string) =>
  db
    .select({
      id: bookings.id,
      eventId: bookings.eventId,
      attendeeId: bookings.attendeeId,
      status: bookings.status,
      seats: bookings.seats,
      updatedAt: bookings.updatedAt,
      attendeeName: attendees.name,
      organizerId: events.organizerId,
      eventTitle: events.title,
      eventDescription: events.description,
      eventCountry: events.country,
      eventStartDate: events.startDate,
      eventEndDate: events.endDate,
      eventStatus: events.status,
      attendeeLocale: attendees.locale,
    })
    .from(bookings)
    .innerJoin(events, eq(events.id, bookings.eventId))
    .innerJoin(attendees, eq(attendees.id, bookings.attendeeId))
    .where(eq(bookings.id, id));

export const findTicketedBooking = (db: Database, id: string) => ticketedBookingQuery(db, id).get();

export type TicketedBooking = NonNullable<Awaited<ReturnType<typeof findTicketedBooking>>>;

/** A booking's tickets in seat order; the holder is the attendee as named now. */
export const ticketsOfBooking = (db: Database, bookingId: string) =>
  db
    .select({
      id: tickets.id,
      bookingId: tickets.bookingId,
      eventId: tickets.eventId,
      ticketTypeId: tickets.ticketTypeId,
      ticketTypeName: tickets.ticketTypeName,
      holderName: attendees.name,
      status: tickets.status,
      issuedAt: tickets.issuedAt,
      checkedInAt: tickets.checkedInAt,
    })
    .from(tickets)
    .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
    .innerJoin(attendees, eq(attendees.id, bookings.attendeeId))
    .where(eq(tickets.bookingId, bookingId))
    .orderBy(asc(tickets.position));

export type TicketRecord = Awaited<ReturnType<typeof ticketsOfBooking>>[number];

/**
 * The event's revoked tickets, oldest revocation first, from `since` on (inclusive: a
 * scanner that asks again from the last time it saw loses nothing revoked in that same
 * millisecond).
 */
export const revokedTicketsOf = (db: Database, eventId: string, since: string | undefined) =>
  db
    .select({ id: tickets.id, revokedAt: tickets.revokedAt })
    .from(tickets)
    .where(
      and(
        eq(tickets.eventId, eventId),
        isNotNull(tickets.revokedAt),
        since === undefined ? undefined : gte(tickets.revokedAt, since),
      ),
    )
    .orderBy(asc(tickets.revokedAt), asc(tickets.id))
    .all();
