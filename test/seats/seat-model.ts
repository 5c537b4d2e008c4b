import type { BookingStatus } from "../../src/domain/enums";
import { decideCancel, decideConfirm, isOverdue } from "../../src/domain/holds";
import {
  counterOf,
  decideBooking,
  decideCapacity,
  type EventState,
  promotable,
  promotedStatus,
} from "../../src/domain/rules";

export interface ModelBooking {
  attendee: number;
  seats: number;
  status: BookingStatus;
  seq: number;
  expiresAt: number | null;
  /** How the booking got its seats: straight away, or from the waitlist. */
  via: "order" | "promotion" | null;
}

/**
 * One event's ledger in memory, composed from the pure rules exactly as the Durable
 * Object composes them: overdue holds expire before any decision, and every release
 * of seats is followed by a promotion.
 */
export class SeatModel {
  readonly bookings: ModelBooking[] = [];
  /** Every time someone got seats while an earlier booking was left waiting. */
  readonly breaches: string[] = [];
  now = Date.parse("2030-01-01T00:00:00Z");

  constructor(readonly event: EventState) {}

  private move(booking: ModelBooking, to: BookingStatus) {
    const from = counterOf(booking.status);
    const into = counterOf(to);
    if (from) this.event[from] -= booking.seats;
    if (into) this.event[into] += booking.seats;
    booking.status = to;
  }

  private waitlist() {
    return this.bookings.filter((b) => b.status === "waitlisted");
  }

  private promote() {
    for (const booking of promotable(this.event, this.waitlist())) {
      const passed = this.waitlist().filter((w) => w.seq < booking.seq);
      if (passed.length > 0) this.breaches.push(`#${booking.seq} promoted past #${passed[0]?.seq}`);
      this.move(booking, promotedStatus(this.event));
      booking.via = "promotion";
    }
  }

  /** What the alarm does, and what every decision does first. */
  expireOverdue() {
    const overdue = this.bookings.filter((b) => isOverdue(b, this.now));
    for (const booking of overdue) {
      this.move(booking, "expired");
      booking.expiresAt = null;
    }
    if (overdue.length > 0) this.promote();
  }

  book(attendee: number, seats: number, hold: boolean) {
    this.expireOverdue();
    const active = this.bookings.some((b) => b.attendee === attendee && isActive(b.status));
    const waitingBefore = this.waitlist().length;
    const decision = decideBooking(this.event, { seats, hold }, active, new Date(this.now));
    if (!decision.ok) return decision;
    const booking: ModelBooking = {
      attendee,
      seats,
      status: "cancelled",
      seq: this.bookings.length + 1,
      expiresAt: decision.expiresAt,
      via: decision.status === "waitlisted" ? null : "order",
    };
    if (booking.via === "order" && waitingBefore > 0) {
      this.breaches.push(`#${booking.seq} took seats while ${waitingBefore} waited`);
    }
    this.bookings.push(booking);
    this.move(booking, decision.status);
    return decision;
  }

  confirm(index: number) {
    this.expireOverdue();
    const booking = this.bookings[index];
    if (!booking) return null;
    const decision = decideConfirm(booking, this.event, this.now);
    if (decision.ok && decision.changed) {
      this.move(booking, "confirmed");
      booking.expiresAt = null;
    }
    return decision;
  }

  cancel(index: number) {
    this.expireOverdue();
    const booking = this.bookings[index];
    if (!booking) return null;
    const decision = decideCancel(booking, this.now);
    if (!decision.ok) return decision;
    this.move(booking, "cancelled");
    booking.expiresAt = null;
    this.promote();
    return decision;
  }

  setCapacity(capacity: number) {
    this.expireOverdue();
    const largest = Math.max(0, ...this.waitlist().map((b) => b.seats));
    const decision = decideCapacity(this.event, capacity, largest);
    if (!decision.ok) return decision;
    this.event.capacity = capacity;
    this.promote();
    return decision;
  }

  advance(ms: number) {
    this.now += ms;
    this.expireOverdue();
  }
}

export const isActive = (status: BookingStatus) =>
  status === "pending" || status === "confirmed" || status === "waitlisted";
