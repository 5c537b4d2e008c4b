import { and, count, eq, sql } from "drizzle-orm";
import type { BookingStatus, PAYMENT_STATUSES } from "../domain/enums";
import type { Database } from "./client";
import { attendees, bookings, events } from "./schema";

/** Counted at read time, so promotions and cancellations never leave stale positions behind. */
const waitlistPosition = sql<number | null>`CASE WHEN ${bookings.status} = 'waitlisted' THEN (
  SELECT count(*) FROM bookings w
  WHERE w.event_id = ${bookings.eventId} AND w.status = 'waitlisted' AND w.queue_seq <= ${bookings.queueSeq}
) END`;

const bookingColumns = {
  id: bookings.id,
  eventId: bookings.eventId,
  attendeeId: bookings.attendeeId,
  seats: bookings.seats,
  status: bookings.status,
  waitlistPosition,
  expiresAt: bookings.expiresAt,
  amount: bookings.amount,
  currency: bookings.currency,
  paymentStatus: bookings.paymentStatus,
  checkoutUrl: bookings.checkoutUrl,
  items: bookings.items,
  promoCode: bookings.promoCode,
  eventTitle: events.title,
  /** For the tickets link's expiry. */
  eventEndDate: events.endDate,
  organizerId: events.organizerId,
  attendeeName: attendees.name,
  createdAt: bookings.createdAt,
  updatedAt: bookings.updatedAt,
};

export type BookingRecord = Awaited<ReturnType<typeof findBooking>> & {};

/** The read of one booking, to run alone (`findBooking`) or in a batch. */
export const bookingQuery = (db: Database, id: string) =>
  db
    .select(bookingColumns)
    .from(bookings)
    .innerJoin(events, eq(events.id, bookings.eventId))
    .innerJoin(attendees, eq(attendees.id, bookings.attendeeId))
    .where(eq(bookings.id, id));

export const findBooking = (db: Database, id: string) => bookingQuery(db, id).get();

export interface BookingFilter {
  attendeeId?: string;
  eventId?: string;
  organizerId?: string;
  status?: BookingStatus;
  paymentStatus?: (typeof PAYMENT_STATUSES)[number];
}

export const listBookings = async (
  db: Database,
  filter: BookingFilter,
  page: { limit: number; offset: number },
) => {
  const where = and(
    filter.attendeeId ? eq(bookings.attendeeId, filter.attendeeId) : undefined,
    filter.eventId ? eq(bookings.eventId, filter.eventId) : undefined,
    filter.organizerId ? eq(events.organizerId, filter.organizerId) : undefined,
    filter.status ? eq(bookings.status, filter.status) : undefined,
    filter.paymentStatus ? eq(bookings.paymentStatus, filter.paymentStatus) : undefined,
  );
  const [rows, totals] = await db.batch([
    db
      .select(bookingColumns)
      .from(bookings)
      .innerJoin(events, eq(events.id, bookings.eventId))
      .innerJoin(attendees, eq(attendees.id, bookings.attendeeId))
      .where(where)
      .orderBy(bookings.createdAt, bookings.id)
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(bookings)
      .innerJoin(events, eq(events.id, bookings.eventId))
      .where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
};
