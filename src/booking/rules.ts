import type { EventStatus } from "../db/schema";
import { bookingClosedReason } from "../lib/event-status";
import type { ProblemCode } from "../lib/problem";
import { DAY_MS, LATEST_INSTANT } from "../lib/time";

/** What the rules need to know about an event at the moment of a decision. */
export interface EventState {
  capacity: number;
  waitlistEnabled: boolean;
  status: EventStatus;
  startDate: string;
  confirmed: number;
  waitlisted: number;
}

export type Refusal = { ok: false; code: ProblemCode; detail: string };
export type BookingDecision = { ok: true; status: "confirmed" | "waitlisted" } | Refusal;

const refuse = (code: ProblemCode, detail: string): Refusal => ({ ok: false, code, detail });

/** The one seat formula: confirmed bookings may exceed a capacity only in stale copies. */
export const availableSeats = (event: Pick<EventState, "capacity" | "confirmed">) =>
  Math.max(0, event.capacity - event.confirmed);

/** The seat counts shown on the event and sent to its live viewers. */
export const seatsOf = (
  event: Pick<EventState, "capacity" | "confirmed" | "waitlisted" | "status">,
) => ({
  availableSeats: availableSeats(event),
  bookedCount: event.confirmed,
  waitlistCount: event.waitlisted,
  status: event.status,
});
export type Seats = ReturnType<typeof seatsOf>;

/** Closed events, finished events and events already under way take no new bookings. */
export const isBookable = (event: Pick<EventState, "status" | "startDate">, now: Date) =>
  bookingClosedReason(event, now) === null;

/** Can this attendee book now, and onto the seats or the waitlist? */
export const decideBooking = (
  event: EventState,
  attendeeHasActiveBooking: boolean,
  now: Date,
): BookingDecision => {
  const closed = bookingClosedReason(event, now);
  if (closed) return refuse("event_not_bookable", closed);
  if (attendeeHasActiveBooking) {
    return refuse("already_booked", "This attendee already holds a booking for this event.");
  }
  if (availableSeats(event) > 0) return { ok: true, status: "confirmed" };
  if (event.waitlistEnabled) return { ok: true, status: "waitlisted" };
  return refuse("event_full", `All ${event.capacity} seats of this event are taken.`);
};

/**
 * How many waitlisted bookings move up now that seats may have freed: none once the
 * event is cancelled or under way, since nobody could take a seat there by booking.
 */
export const promotionsDue = (event: EventState, now: Date): number =>
  isBookable(event, now) ? Math.min(availableSeats(event), event.waitlisted) : 0;

export type CapacityDecision = { ok: true } | Refusal;

/** A capacity change may not strand confirmed bookings (raising it serves the waitlist). */
export const decideCapacity = (event: EventState, capacity: number): CapacityDecision => {
  if (capacity < event.confirmed) {
    return refuse(
      "capacity_below_booked",
      `${event.confirmed} seats are already confirmed; capacity cannot go below that.`,
    );
  }
  return { ok: true };
};

/** First come, first served: the waitlist is taken strictly in arrival order. */
export const nextInLine = <T extends { seq: number }>(waitlist: readonly T[], count: number): T[] =>
  [...waitlist].sort((a, b) => a.seq - b.seq).slice(0, Math.max(0, count));

export const REMINDER_LEAD_MS = DAY_MS;

/**
 * When to remind attendees: a day before the start, unless that moment has passed.
 * Never beyond the API's date range, so a row stored before the range was enforced
 * cannot ask for an alarm the runtime refuses (it rejects instants after 2189).
 */
export const reminderTime = (startDate: string, now: number): number | null => {
  const at = new Date(startDate).getTime() - REMINDER_LEAD_MS;
  return at > now && at <= LATEST_INSTANT ? at : null;
};

type EventFacts = { status: EventStatus; startDate: string; endDate: string; country: string };

/**
 * What an edit announces: a cancellation, a change attendees must hear of (where or
 * when), or an edit that only needs copying.
 */
export const editKind = (before: EventFacts, after: EventFacts) => {
  if (after.status === "cancelled" && before.status !== "cancelled") return "event.cancelled";
  const moved =
    after.startDate !== before.startDate ||
    after.endDate !== before.endDate ||
    after.country !== before.country;
  return moved ? "event.updated" : "event.edited";
};
