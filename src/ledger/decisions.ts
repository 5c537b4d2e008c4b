import type { Booking, Cancellation } from "../contracts/booking";
import { columnsOf } from "../contracts/event";
import type { BookRequest, EventChanges, LedgerReply } from "../contracts/ledger";
import { refusal } from "../contracts/ledger";
import type { TicketTypeRecord } from "../domain/catalog";
import { decideCancel, decideConfirm, type HeldBooking } from "../domain/holds";
import { paymentTermsError } from "../domain/payment-terms";
import {
  decideBooking,
  decideCapacity,
  editKind,
  type Refusal,
  reminderTime,
  type Seats,
  salesMovedLater,
  saleWindowError,
  windowAfter,
} from "../domain/rules";
import { newId } from "../lib/ids";
import { isAfter, nowIso } from "../lib/time";
import { Announcements } from "./announcements";
import { LedgerCatalog } from "./catalog";
import { inNotices } from "./notices";
import type { Outbox } from "./outbox";
import type { AdoptedEvent, LedgerBookingRow, LedgerEventRow } from "./rows";
import { paymentOfNewBooking, UNCHECKED_NAME } from "./rows";
import { SeatMoves, stateOf } from "./seat-moves";
import type { LedgerTables } from "./tables";

/**
 * Bookings a cancelled or deleted event lets go of in one transaction: each costs a few
 * row writes and an outbox row, so a slice stays far below a request's CPU budget.
 */
export const CLOSING_SLICE = 500;

const factsOf = (event: LedgerEventRow) => ({
  status: event.status,
  startDate: event.start_date,
  endDate: event.end_date,
  country: event.country,
});

const heldOf = (row: LedgerBookingRow): HeldBooking => ({
  status: row.status,
  expiresAt: row.expires_at,
});

/** A refusal of the rules as the problem the caller gets; a field's error names its path. */
const refused = ({ code, detail, path }: Refusal) =>
  refusal(code, detail, path ? [{ path, message: detail }] : undefined);

/**
 * Every change the ledger decides: the pure rules applied to its tables, each change
 * announced in the outbox. Callers run these inside `LedgerTables.transaction`, so
 * each check, the writes it implies and their outbox rows commit together. A hold
 * past its expiry is expired before any decision looks at the seats.
 */
export class LedgerDecisions {
  readonly moves: SeatMoves;
  readonly announcements: Announcements;
  readonly catalog: LedgerCatalog;
  constructor(
    private readonly tables: LedgerTables,
    outbox: Outbox,
  ) {
    this.moves = new SeatMoves(tables, outbox);
    this.announcements = new Announcements(tables, this.moves);
    this.catalog = new LedgerCatalog(tables);
  }

  /** How many changes were announced so far; a decision that moved nothing leaves it be. */
  get announced(): number {
    return this.moves.announced;
  }

  seats(): Seats {
    return this.moves.seats();
  }

  /** Takes the event as D1 stored it at creation; from then on this ledger owns it. */
  adopt(row: AdoptedEvent, types: readonly TicketTypeRecord[] | null, now = Date.now()) {
    const salesLater = salesMovedLater(null, row.sales_start_at, now);
    this.tables.insertEvent(row, reminderTime(row.start_date, now), salesLater);
    this.catalog.adopt(this.tables.currentEvent(), types);
  }

  placeBooking(request: BookRequest): LedgerReply<Booking> {
    const now = new Date();
    this.moves.expireOverdue(now.getTime());
    const event = this.tables.currentEvent();
    const unadmitted = this.tables.passes.refusal(event, request.admissionPass);
    if (unadmitted) return unadmitted;
    const hasActive = this.tables.activeBookingOf(request.attendeeId) !== null;
    const priced = this.catalog.price(request, event, now.getTime());
    if ("ok" in priced) return priced;
    const order = { seats: priced.seats, hold: request.hold, fits: priced.fits };
    const state = { ...stateOf(event), paid: priced.amount > 0 };
    const decision = decideBooking(state, order, hasActive, now);
    if (!decision.ok) return refused(decision);
    const created = now.toISOString();
    const row: LedgerBookingRow = {
      id: newId(),
      attendee_id: request.attendeeId,
      attendee_name: request.attendeeName ?? UNCHECKED_NAME,
      status: decision.status,
      seats: priced.seats,
      expires_at: decision.expiresAt,
      seq: event.next_seq,
      created_at: created,
      updated_at: created,
      booked_by: request.bookedBy,
      items: JSON.stringify(priced.items),
      promo_code_id: priced.code?.id ?? null,
      promo_code: priced.code?.code ?? null,
      ...paymentOfNewBooking(event, priced.amount, {
        status: decision.status,
        expiresAt: decision.expiresAt,
        decidedAt: now.getTime(),
        origin: request.origin,
      }),
      // Free bookings keep it too: their tickets link starts with it.
      link_origin: request.origin,
    };
    this.moves.place(row);
    if (event.queue_enabled === 1) this.tables.passes.use(request.admissionPass, row.id, created);
    return { ok: true, status: 201, body: this.moves.bookingOf(row) };
  }

  cancelBooking(bookingId: string): LedgerReply<Cancellation> {
    const now = Date.now();
    this.moves.expireOverdue(now);
    const row = this.tables.booking(bookingId);
    if (!row) return refusal("booking_not_found", "No booking has this id.");
    const decision = decideCancel(heldOf(row), now);
    if (!decision.ok) return refused(decision);
    const cancelled = this.moves.move(row, "cancelled", "booking.cancelled");
    const promotions = this.moves.promoteWaitlisted().map((row) => this.moves.bookingOf(row));
    return {
      ok: true,
      status: 200,
      body: {
        message: "Booking cancelled",
        booking: this.moves.bookingOf(cancelled),
        promoted: promotions[0] ?? null,
        promotions,
      },
    };
  }

  /** Confirms a live hold; a booking already confirmed is answered as it is. */
  confirmBooking(bookingId: string): LedgerReply<Booking> {
    const now = Date.now();
    this.moves.expireOverdue(now);
    const row = this.tables.booking(bookingId);
    if (!row) return refusal("booking_not_found", "No booking has this id.");
    const decision = decideConfirm(heldOf(row), { paid: row.amount !== null }, now);
    if (!decision.ok) return refused(decision);
    const confirmed = decision.changed
      ? this.moves.move(row, "confirmed", "booking.confirmed")
      : row;
    return { ok: true, status: 200, body: this.moves.bookingOf(confirmed) };
  }

  /**
   * The alarm's decisions, on time with no request needed (also after a restart): holds
   * whose time is up release their seats; the reminder and the sales opening fall due.
   * Reports whether the seats or the reminder changed what live viewers see.
   */
  onAlarm(now: number): boolean {
    const expired = this.moves.expireOverdue(now);
    const closing = this.closingLeft();
    if (closing) this.closeBookings(CLOSING_SLICE);
    const reminded = this.announcements.remindIfDue(now);
    this.announcements.openSalesIfDue(now);
    return reminded || expired > 0 || closing;
  }

  /** Cancels the attendee's active booking, if any; reports whether there was one. */
  releaseAttendee(attendeeId: string): boolean {
    const row = this.tables.activeBookingOf(attendeeId);
    return row ? this.cancelBooking(row.id).ok : false;
  }

  /** Releases bookings whose attendee was deleted, unless they were already released. */
  releaseOrphans(orphans: readonly LedgerBookingRow[]) {
    for (const orphan of orphans) {
      if (this.tables.activeBookingOf(orphan.attendee_id)?.id === orphan.id) {
        this.cancelBooking(orphan.id);
      }
    }
  }

  applyChanges(changes: EventChanges): LedgerReply<LedgerEventRow> {
    this.moves.expireOverdue(Date.now());
    const event = this.tables.currentEvent();
    const start = changes.startDate ?? event.start_date;
    const end = changes.endDate ?? event.end_date;
    if (!isAfter(end, start)) {
      return refusal("validation_failed", "endDate must be after startDate.", [
        { path: "endDate", message: "endDate must be after startDate" },
      ]);
    }
    const terms = {
      price: changes.price ?? event.price,
      currency: changes.currency === undefined ? event.currency : changes.currency,
      holdMinutes: changes.holdMinutes ?? event.hold_minutes,
    };
    const termsError = paymentTermsError({
      ...terms,
      price: this.catalog.highestPriceWith(terms.price),
    });
    if (termsError) return refusal("validation_failed", termsError.message, [termsError]);
    const window = windowAfter(event, changes, start);
    const windowError = saleWindowError(window);
    if (windowError) return refusal("validation_failed", windowError.message, [windowError]);
    if (changes.capacity !== undefined) {
      const decision = decideCapacity(
        stateOf(event),
        changes.capacity,
        this.tables.largestWaiting(),
      );
      if (!decision.ok) return refused(decision);
    }
    const next: LedgerEventRow = {
      ...event,
      ...columnsOf(changes),
      start_date: start,
      end_date: end,
      hold_minutes: terms.holdMinutes,
      price: terms.price,
      currency: terms.currency,
      sales_start_at: window.salesStartAt,
      sales_end_at: window.salesEndAt,
      updated_at: nowIso(),
    };
    const moved = start !== event.start_date;
    const reopen = salesMovedLater(event.sales_start_at, window.salesStartAt, Date.now());
    this.tables.updateEvent(next, moved ? reminderTime(start, Date.now()) : undefined, reopen);
    if (changes.price !== undefined) this.catalog.setEventPrice(changes.price);
    const kind = editKind(factsOf(event), factsOf(next));
    if (kind === "event.cancelled") this.cancelWithEvent(changes);
    else this.moves.announce(kind, null, { changes });
    this.moves.promoteWaitlisted();
    return { ok: true, status: 200, body: this.tables.currentEvent() };
  }

  /**
   * A cancelled or deleted event takes its active bookings with it, holds included, a
   * slice at a time so that no transaction grows with the audience; the alarm goes on
   * with the rest. Each attendee hears of it once, from `event.cancelled`, which names
   * them: D1 no longer lists them as active when the notice is read. Answers whether
   * bookings remain.
   */
  closeBookings(limit: number, changes: EventChanges = { status: "cancelled" }): boolean {
    const rows = this.tables.activeBookings(limit + 1);
    const closing = rows.slice(0, limit);
    for (const row of closing) this.moves.move(row, "cancelled", "booking.closed");
    if (closing.length > 0) {
      for (const recipients of inNotices(closing.map((row) => row.attendee_id))) {
        this.moves.announce("event.cancelled", null, { changes, recipients });
      }
    }
    return rows.length > limit;
  }

  /** The first slice of a cancelled event's bookings; an event nobody booked is announced all the same. */
  private cancelWithEvent(changes: EventChanges) {
    if (this.tables.activeBookings(1).length === 0) {
      this.moves.announce("event.cancelled", null, { changes, recipients: [] });
      return;
    }
    this.closeBookings(CLOSING_SLICE, changes);
  }

  /** Whether a cancelled event still has bookings to let go of. */
  closingLeft(): boolean {
    const event = this.tables.currentEvent();
    return event.status === "cancelled" && this.tables.activeBookings(1).length > 0;
  }
}
