import type { z } from "@hono/zod-openapi";
import type { BookingSchema, CancellationSchema } from "../schemas/bookings";

/** A booking as the API shows it, wherever it comes from: the ledger's answer or D1. */
export type Booking = z.infer<typeof BookingSchema>;
export type Cancellation = z.infer<typeof CancellationSchema>;

/** What both sources know of a booking: the ledger's row with its event, or D1's join. */
export type BookingFacts = Pick<
  Booking,
  | "id"
  | "eventId"
  | "attendeeId"
  | "seats"
  | "status"
  | "waitlistPosition"
  | "expiresAt"
  | "createdAt"
  | "updatedAt"
> & { eventTitle: string; attendeeName: string };

export const presentBooking = (facts: BookingFacts): Booking => ({
  id: facts.id,
  eventId: facts.eventId,
  attendeeId: facts.attendeeId,
  seats: facts.seats,
  status: facts.status,
  waitlistPosition: facts.waitlistPosition,
  expiresAt: facts.expiresAt,
  event: { id: facts.eventId, title: facts.eventTitle },
  attendee: { id: facts.attendeeId, name: facts.attendeeName },
  createdAt: facts.createdAt,
  updatedAt: facts.updatedAt,
});
