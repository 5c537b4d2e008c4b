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
  /** Null: sales open at once. */
  salesStartAt?: string | null;
  /** Null: sales close when the event starts. */
  salesEndAt?: string | null;
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
  if (event.salesStartAt && now.getTime() < new Date(event.salesStartAt).getTime()) {
    return refuse("sales_not_open", `Sales for this event open at ${event.salesStartAt}.`);
  }
  if (event.salesEndAt && now.getTime() >= new Date(event.salesEndAt).getTime()) {
    return refuse("sales_closed", `Sales for this event closed at ${event.salesEndAt}.`);
  }
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

/**
 * A sale window must close by the start and open before it closes; `path` names the
 * field to blame. Dates are canonical UTC strings, so they compare as instants.
 */
export const saleWindowError = (w: {
  startDate: string;
  salesStartAt: string | null;
  salesEndAt: string | null;
}): { path: "salesStartAt" | "salesEndAt"; message: string } | null => {
  const end = w.salesEndAt ?? w.startDate;
  if (w.salesEndAt && w.salesEndAt > w.startDate) {
    return { path: "salesEndAt", message: "salesEndAt must not be after startDate" };
  }
  if (w.salesStartAt && w.salesStartAt >= end) {
    return w.salesEndAt
      ? { path: "salesEndAt", message: "salesEndAt must be after salesStartAt" }
      : { path: "salesStartAt", message: "salesStartAt must be before startDate" };
  }
  return null;
};

/** The sale window a change leaves: a field left out keeps its value, null clears it. */
export const windowAfter = (
  stored: { sales_start_at: string | null; sales_end_at: string | null },
  changes: { salesStartAt?: string | null; salesEndAt?: string | null },
  startDate: string,
) => ({
  startDate,
  salesStartAt: changes.salesStartAt === undefined ? stored.sales_start_at : changes.salesStartAt,
  salesEndAt: changes.salesEndAt === undefined ? stored.sales_end_at : changes.salesEndAt,
});

/** When the sales opening is to be announced; null once it has been. */
export const salesAnnouncementAt = (
  event: { sales_start_at: string | null; sales_opened_sent: number },
  now: number,
): number | null => {
  if (event.sales_opened_sent) return null;
  return event.sales_start_at ? new Date(event.sales_start_at).getTime() : now;
};

/** Sales moved to a later opening are announced again when they open. */
export const salesMovedLater = (before: string | null, after: string | null, now: number) =>
  after !== before && after !== null && new Date(after).getTime() > now;

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
