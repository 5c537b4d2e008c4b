import type { ProblemCode } from "../lib/problem";
import { DAY_MS, LATEST_INSTANT } from "../lib/time";
import { promotionWalk } from "./catalog";
import type { BookingStatus, EventStatus } from "./enums";
import { bookingClosedReason } from "./event-status";

export const DEFAULT_MAX_SEATS_PER_BOOKING = 10;
export const DEFAULT_HOLD_MINUTES = 15;
/** Seats, not bookings, are counted: each counter sums the seats of bookings in one status. */
export interface SeatCounts {
  capacity: number;
  confirmed: number;
  held: number;
  waitlisted: number;
}

/** What the rules need to know about an event at the moment of a decision. */
export interface EventState extends SeatCounts {
  waitlistEnabled: boolean;
  status: EventStatus;
  startDate: string;
  maxSeatsPerBooking: number;
  holdMinutes: number;
  /** A booking of a paid event is a hold that only its payment confirms. */
  paid: boolean;
  /** Null: sales open at once. */
  salesStartAt?: string | null;
  /** Null: sales close when the event starts. */
  salesEndAt?: string | null;
}

export type Refusal = { ok: false; code: ProblemCode; detail: string; path?: string };

export const refuse = (code: ProblemCode, detail: string, path?: string): Refusal =>
  path ? { ok: false, code, detail, path } : { ok: false, code, detail };

/** Seats nobody holds: confirmed and held seats both count as taken. */
export const availableSeats = (event: SeatCounts) =>
  Math.max(0, event.capacity - event.confirmed - event.held);

/** The seat counts shown on the event and sent to its live viewers. */
export const seatsOf = (event: SeatCounts & { status: EventStatus }) => ({
  availableSeats: availableSeats(event),
  bookedCount: event.confirmed,
  heldSeats: event.held,
  waitlistCount: event.waitlisted,
  status: event.status,
});
export type Seats = ReturnType<typeof seatsOf>;

/** Closed events, finished events and events already under way take no new bookings. */
export const isBookable = (event: Pick<EventState, "status" | "startDate">, now: Date) =>
  bookingClosedReason(event, now) === null;

export const MINUTE_MS = 60_000;

/**
 * A paid hold lasts no longer than the checkout that pays it: Stripe lets a session live
 * at most 24 hours from its creation, which comes a moment after the hold.
 */
export const PAID_HOLD_LIMIT_MS = (24 * 60 - 10) * MINUTE_MS;

/** When a hold taken now lapses. */
export const holdExpiry = (event: Pick<EventState, "holdMinutes" | "paid">, now: Date) =>
  now.getTime() +
  Math.min(
    event.holdMinutes * MINUTE_MS,
    event.paid ? PAID_HOLD_LIMIT_MS : Number.POSITIVE_INFINITY,
  );

export interface Order {
  seats: number;
  hold: boolean;
  /**
   * Whether the order's lines fit the event and their types' quotas, with nobody waiting
   * for one of its types (`newcomerFits`); left out, the seats are weighed against one
   * pool that nobody waits for.
   */
  fits?: boolean;
}

export type BookingDecision =
  | { ok: true; status: "confirmed" | "pending" | "waitlisted"; expiresAt: number | null }
  | Refusal;

/** The status a booking takes when its seats are granted: held on a paid event or on request. */
const granted = (event: EventState, hold: boolean, now: Date) =>
  hold || event.paid
    ? { ok: true as const, status: "pending" as const, expiresAt: holdExpiry(event, now) }
    : { ok: true as const, status: "confirmed" as const, expiresAt: null };

/**
 * All the seats or nothing. A newcomer takes seats only when nobody is waiting,
 * so it never passes a waitlisted group even when its own seats would fit.
 */
export const decideBooking = (
  event: EventState,
  order: Order,
  attendeeHasActiveBooking: boolean,
  now: Date,
): BookingDecision => {
  if (order.seats > event.capacity) {
    return refuse("validation_failed", `This event has ${event.capacity} seats in all.`, "seats");
  }
  if (order.seats > event.maxSeatsPerBooking) {
    const max = event.maxSeatsPerBooking;
    return refuse("validation_failed", `A booking takes at most ${max} seats here.`, "seats");
  }
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
  if (order.fits ?? (event.waitlisted === 0 && order.seats <= availableSeats(event))) {
    return granted(event, order.hold, now);
  }
  if (event.waitlistEnabled) return { ok: true, status: "waitlisted", expiresAt: null };
  return refuse("event_full", `Fewer than ${order.seats} seats of this event remain.`);
};

/** The one ticket type of an event sold as a single pool of seats. */
const ONE_POOL = "general";

/**
 * Strict FIFO by seats: the waitlist, in arrival order, is served from its head while
 * all of the head's seats fit; the first that does not fit stops everyone behind it.
 * That is the ticket types' walk for an event of one type without a quota.
 */
export const promotable = <T extends { seats: number }>(
  event: SeatCounts,
  waitlist: readonly T[],
): T[] => {
  const room = { free: availableSeats(event), typeFree: new Map<string, number>() };
  const waiting = waitlist.map((booking) => ({
    booking,
    lines: [{ ticketTypeId: ONE_POOL, quantity: booking.seats }],
  }));
  return promotionWalk(room, waiting).map((w) => w.booking);
};

/** A promoted booking is confirmed on a free event; on a paid one it waits for its payment. */
export const promotedStatus = (event: Pick<EventState, "paid">) =>
  event.paid ? ("pending" as const) : ("confirmed" as const);

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

/**
 * A capacity change may strand neither confirmed nor held seats, nor a waitlisted
 * group that could then never fit and would block everyone behind it.
 */
export const decideCapacity = (
  event: SeatCounts,
  capacity: number,
  largestWaiting: number,
): CapacityDecision => {
  const taken = event.confirmed + event.held;
  if (capacity < taken) {
    return refuse(
      "capacity_below_booked",
      `${taken} seats are confirmed or held; capacity cannot go below that.`,
    );
  }
  if (capacity < largestWaiting) {
    return refuse(
      "capacity_below_booked",
      `A waitlisted booking of ${largestWaiting} seats could never be served below that.`,
    );
  }
  return { ok: true };
};

/** Which seat counter a booking in this status adds to, if any. */
export const counterOf = (status: BookingStatus): keyof Omit<SeatCounts, "capacity"> | null => {
  if (status === "confirmed") return "confirmed";
  if (status === "pending") return "held";
  if (status === "waitlisted") return "waitlisted";
  return null;
};

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
