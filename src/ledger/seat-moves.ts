import { type Booking, presentBooking } from "../contracts/booking";
import type { ChangeData, ChangeType } from "../contracts/domain-events";
import { promotionWalk } from "../domain/catalog";
import type { BookingStatus } from "../domain/enums";
import { statusAt } from "../domain/event-status";
import { checkoutExpiry, paymentOnRelease } from "../domain/payment-terms";
import {
  availableSeats,
  counterOf,
  type EventState,
  holdExpiry,
  isBookable,
  promotedStatus,
  type Seats,
  seatsOf,
} from "../domain/rules";
import { nowIso } from "../lib/time";
import { ticketLinesOf } from "../tickets/lines";
import type { Outbox } from "./outbox";
import { itemsOf, type LedgerBookingRow, type LedgerEventRow, type LedgerPayment } from "./rows";
import type { LedgerTables } from "./tables";

export const stateOf = (event: LedgerEventRow): EventState => ({
  capacity: event.capacity,
  confirmed: event.confirmed,
  held: event.held,
  waitlisted: event.waitlisted,
  waitlistEnabled: event.waitlist_enabled === 1,
  status: event.status,
  startDate: event.start_date,
  maxSeatsPerBooking: event.max_seats_per_booking,
  holdMinutes: event.hold_minutes,
  paid: event.price > 0,
  salesStartAt: event.sales_start_at,
  salesEndAt: event.sales_end_at,
});

type CounterChange = [NonNullable<ReturnType<typeof counterOf>>, number];

/** A booking's lines, which its tickets and its types' counters follow. */
const linesOf = (row: LedgerBookingRow) => ticketLinesOf({ seats: row.seats, items: itemsOf(row) });

/**
 * A booking after a move. Leaving the seats behind settles its payment (owed becomes
 * failed, paid becomes refunded) and drops a checkout notice nobody needs any more.
 */
const releasedOrMoved = (
  row: LedgerBookingRow,
  to: BookingStatus,
  expiresAt: number | null,
  now: string,
  payment: Partial<LedgerPayment> = {},
): LedgerBookingRow => {
  const released = counterOf(to) === null;
  return {
    ...row,
    status: to,
    expires_at: expiresAt,
    updated_at: now,
    payment_status: released ? paymentOnRelease(row.payment_status) : row.payment_status,
    checkout_notice: to === "pending" ? row.checkout_notice : null,
    ...payment,
  };
};

/**
 * How bookings take and release seats: every move shifts the event's seat counters by
 * the booking's seats and is announced in the outbox, in the caller's transaction.
 */
export class SeatMoves {
  /** Grows with every announced change: the ledger copies to D1 only when it moved. */
  announced = 0;

  constructor(
    private readonly tables: LedgerTables,
    private readonly outbox: Outbox,
  ) {}

  /** The seat counts, with the status the event has now (ongoing and completed follow the clock). */
  seats(): Seats {
    const event = this.tables.currentEvent();
    const dated = { status: event.status, startDate: event.start_date, endDate: event.end_date };
    return { ...seatsOf(stateOf(event)), status: statusAt(dated, new Date()) };
  }

  /**
   * Records a new booking, counting its seats and giving it the next place in line. A
   * paid hold is only copied for now: its attendee hears of it with the checkout link.
   */
  place(row: LedgerBookingRow) {
    this.tables.insertBooking(row);
    this.tables.tickets.follow(null, row, () => linesOf(row), row.created_at);
    const counter = counterOf(row.status);
    const changes: CounterChange[] = counter ? [[counter, row.seats]] : [];
    this.tables.count(changes, row.created_at, { takesSeq: true });
    this.tables.catalog.count(itemsOf(row), changes);
    if (counter && row.promo_code_id) this.tables.catalog.use(row.promo_code_id, 1);
    const type = row.checkout_notice ? "booking.held" : (`booking.${row.status}` as ChangeType);
    this.announce(type, row);
  }

  /**
   * Moves a booking to another status, its seats from one counter to the other. A
   * booking that lets go of its seats owes nothing more, and what it paid is refunded.
   * A promotion or a lapse may shift seats from waiting to held, hence the payment part.
   */
  move(
    row: LedgerBookingRow,
    to: BookingStatus,
    type: ChangeType,
    expiresAt: number | null = null,
    payment: Partial<LedgerPayment> = {},
  ): LedgerBookingRow {
    const now = nowIso();
    const moved = releasedOrMoved(row, to, expiresAt, now, payment);
    this.tables.updateBooking(moved);
    this.tables.tickets.follow(row, moved, () => linesOf(moved), now);
    const from = counterOf(row.status);
    const into = counterOf(to);
    const changes: CounterChange[] = [];
    if (from) changes.push([from, -row.seats]);
    if (into) changes.push([into, row.seats]);
    this.tables.count(changes, now);
    this.tables.catalog.count(itemsOf(row), changes);
    // A use is counted while the booking is active: given back on release, taken again
    // when a payment that arrived after its hold lapsed brings it back.
    if (row.promo_code_id && Boolean(from) !== Boolean(into)) {
      this.tables.catalog.use(row.promo_code_id, into ? 1 : -1);
    }
    this.announce(type, moved);
    this.handOver(row, moved);
    return moved;
  }

  /**
   * What a payment's change leaves to the workflows, recorded with the change itself: a
   * refund to issue until the provider confirms it, a session to expire once its hold
   * ended unpaid.
   */
  handOver(before: LedgerBookingRow, after: LedgerBookingRow) {
    if (after.payment_status === "refund_pending" && before.payment_status !== "refund_pending") {
      this.requestRefund(after);
    }
    const endedUnpaid =
      after.payment_status === "failed" && before.payment_status === "requires_payment";
    if (endedUnpaid && before.session_id) this.expireCheckout(after, before.session_id);
  }

  requestRefund(row: LedgerBookingRow) {
    const { payment_intent: paymentIntentId, amount, currency } = row;
    if (!paymentIntentId || amount === null || currency === null) return;
    this.announce("refund.requested", row, { refund: { paymentIntentId, amount, currency } });
  }

  expireCheckout(row: LedgerBookingRow, sessionId: string) {
    this.announce("checkout.expire", row, { sessionId });
  }

  /**
   * The waitlist walk of the ticket types' rules (`promotionWalk`): in arrival order,
   * each booking whose lines all fit is served; the first that does not fit the event's
   * capacity stops everyone behind it, and one stopped by a full quota only those who
   * want that type.
   */
  promoteWaitlisted(): LedgerBookingRow[] {
    const event = this.tables.currentEvent();
    const state = stateOf(event);
    const free = availableSeats(state);
    // Nobody moves up once the event is cancelled or under way: nobody could book there.
    if (free === 0 || state.waitlisted === 0 || !isBookable(state, new Date())) return [];
    const now = Date.now();
    const expiresAt = holdExpiry({ ...state, paid: true }, new Date(now));
    const waiting = (function* (rows: Iterable<LedgerBookingRow>) {
      for (const row of rows) yield { row, lines: linesOf(row) };
    })(this.tables.waitlist());
    // The walk reads the waitlist before anyone moves. A paid booking gets a fresh hold,
    // and its attendee hears of it with the checkout link.
    const served = promotionWalk(this.tables.catalog.room(event), waiting).map((w) => w.row);
    return served.map((row) =>
      promotedStatus({ paid: row.amount !== null }) === "pending"
        ? this.move(row, "pending", "booking.held", expiresAt, {
            checkout_notice: "booking.promoted",
            checkout_expires_at: checkoutExpiry(expiresAt, now),
            checkout_title: this.tables.currentEvent().title,
          })
        : this.move(row, "confirmed", "booking.promoted"),
    );
  }

  /** Expires every hold whose time is up, then gives the freed seats to the waitlist. */
  expireOverdue(now: number): number {
    const overdue = this.tables.overdueHolds(now);
    for (const row of overdue) this.move(row, "expired", "booking.expired");
    if (overdue.length > 0) this.promoteWaitlisted();
    return overdue.length;
  }

  announce(
    type: ChangeType,
    booking: LedgerBookingRow | null,
    extra: Pick<ChangeData, "changes" | "recipients" | "refund" | "sessionId" | "ticket"> = {},
  ) {
    const event = this.tables.currentEvent();
    this.announced++;
    this.outbox.append(type, booking, {
      ...extra,
      booking: booking ? this.bookingOf(booking) : undefined,
      event: {
        title: event.title,
        startDate: event.start_date,
        endDate: event.end_date,
        country: event.country,
      },
      seats: this.seats(),
    });
  }

  bookingOf(row: LedgerBookingRow): Booking {
    const event = this.tables.currentEvent();
    return presentBooking({
      id: row.id,
      eventId: event.id,
      eventTitle: event.title,
      attendeeId: row.attendee_id,
      attendeeName: row.attendee_name,
      seats: row.seats,
      items: itemsOf(row),
      promoCode: row.promo_code,
      status: row.status,
      waitlistPosition: row.status === "waitlisted" ? this.tables.waitlistPosition(row.seq) : null,
      expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
      amount: row.amount,
      currency: row.currency,
      paymentStatus: row.payment_status,
      checkoutUrl: row.checkout_url,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }
}
