import { eq } from "drizzle-orm";
import { attendees } from "./accounts-schema";
import type { Database } from "./client";
import { bookings, events } from "./schema";

/** What a checkout page shows of the booking behind a payment session. */
export const findCheckout = (db: Database, sessionId: string) =>
  db
    .select({
      bookingId: bookings.id,
      eventId: bookings.eventId,
      status: bookings.status,
      seats: bookings.seats,
      items: bookings.items,
      expiresAt: bookings.expiresAt,
      amount: bookings.amount,
      currency: bookings.currency,
      paymentStatus: bookings.paymentStatus,
      eventTitle: events.title,
      startDate: events.startDate,
      attendeeName: attendees.name,
      locale: attendees.locale,
    })
    .from(bookings)
    .innerJoin(events, eq(events.id, bookings.eventId))
    .innerJoin(attendees, eq(attendees.id, bookings.attendeeId))
    .where(eq(bookings.paymentSessionId, sessionId))
    .get();

export type Checkout = NonNullable<Awaited<ReturnType<typeof findCheckout>>>;
