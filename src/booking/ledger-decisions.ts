import { statusAt } from "../lib/event-status";
import { newId } from "../lib/ids";
import { isAfter, nowIso } from "../lib/time";
import { type Booking, type Cancellation, presentBooking } from "./booking";
import type { ChangeData, ChangeType } from "./domain-events";
import type { AdoptedEvent, LedgerBookingRow, LedgerEventRow, LedgerTables } from "./ledger-tables";
import { inNotices } from "./notices";
import type { Outbox } from "./outbox";
import { refusal } from "./reply";
import {
  decideBooking,
  decideCapacity,
  type EventState,
  editKind,
  isBookable,
  nextInLine,
  promotionsDue,
  reminderTime,
  type Seats,
  salesAnnouncementAt,
  salesMovedLater,
  saleWindowError,
  seatsOf,
  windowAfter,
} from "./rules";
import type { BookRequest, EventChanges, LedgerReply } from "./types";

const stateOf = (event: LedgerEventRow): EventState => ({
  capacity: event.capacity,
  waitlistEnabled: event.waitlist_enabled === 1,
  status: event.status,
  startDate: event.start_date,
  confirmed: event.confirmed,
  waitlisted: event.waitlisted,
  salesStartAt: event.sales_start_at,
  salesEndAt: event.sales_end_at,
});

const factsOf = (event: LedgerEventRow) => ({
  status: event.status,
  startDate: event.start_date,
  endDate: event.end_date,
  country: event.country,
});

/**
 * Every change the ledger decides: the pure rules applied to its tables, each change
 * announced in the outbox. Callers run these inside `LedgerTables.transaction`, so
 * each check, the writes it implies and their outbox rows commit together.
 */
export class LedgerDecisions {
  constructor(
    private readonly tables: LedgerTables,
    private readonly outbox: Outbox,
  ) {}

  seats(): Seats {
    const event = this.tables.currentEvent();
    return { ...seatsOf(stateOf(event)), status: statusAt(factsOf(event), new Date()) };
  }

  /** Takes the event as D1 stored it at creation; from then on this ledger owns it. */
  adopt(row: AdoptedEvent, now = Date.now()) {
    const salesLater = salesMovedLater(null, row.sales_start_at, now);
    this.tables.insertEvent(row, reminderTime(row.start_date, now), salesLater);
  }

  /** Announces a new event to its organizer's followers, once (and never when nobody follows). */
  announcePublished(followed: boolean): boolean {
    const event = this.tables.currentEvent();
    if (event.published_sent) return false;
    this.tables.markSent("published_sent");
    if (!followed || event.status !== "scheduled") return false;
    this.announce("event.published", null);
    return true;
  }

  /** Announces the opening of sales to the interested, once, when its time has come. */
  openSalesIfDue(now: number): boolean {
    const event = this.tables.event();
    if (!event || (salesAnnouncementAt(event, now) ?? now + 1) > now) return false;
    this.tables.markSent("sales_opened_sent");
    if (!isBookable(stateOf(event), new Date(now))) return false;
    this.announce("event.sales_opened", null);
    return true;
  }

  placeBooking(request: BookRequest): LedgerReply<Booking> {
    const event = this.tables.currentEvent();
    const hasActive = this.tables.activeBookingOf(request.attendeeId) !== null;
    const decision = decideBooking(stateOf(event), hasActive, new Date());
    if (!decision.ok) return refusal(decision.code, decision.detail);
    const now = nowIso();
    const row: LedgerBookingRow = {
      id: newId(),
      attendee_id: request.attendeeId,
      attendee_name: request.attendeeName,
      status: decision.status,
      seq: event.next_seq,
      created_at: now,
      updated_at: now,
    };
    this.tables.insertBooking(row);
    this.tables.count([[decision.status, 1]], now, { takesSeq: true });
    this.announce(`booking.${decision.status}`, row);
    return { ok: true, status: 201, body: this.bookingOf(row) };
  }

  cancelBooking(bookingId: string): LedgerReply<Cancellation> {
    const row = this.tables.booking(bookingId);
    if (!row) return refusal("booking_not_found", "No booking has this id.");
    if (row.status === "cancelled") {
      return refusal("already_cancelled", "This booking is already cancelled.");
    }
    const now = nowIso();
    this.tables.setBookingStatus(row.id, "cancelled", now);
    this.tables.count([[row.status, -1]], now);
    const cancelled: LedgerBookingRow = { ...row, status: "cancelled", updated_at: now };
    this.announce("booking.cancelled", cancelled);
    const [promoted] = this.promoteWaitlisted();
    return {
      ok: true,
      status: 200,
      body: {
        message: "Booking cancelled",
        booking: this.bookingOf(cancelled),
        promoted: promoted ? this.bookingOf(promoted) : null,
      },
    };
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

  /** Moves as many waitlisted bookings onto free seats as there are seats, oldest first. */
  promoteWaitlisted(): LedgerBookingRow[] {
    const due = promotionsDue(stateOf(this.tables.currentEvent()), new Date());
    if (due === 0) return [];
    const now = nowIso();
    return nextInLine(this.tables.waitlistHead(due), due).map((row) => {
      this.tables.setBookingStatus(row.id, "confirmed", now);
      this.tables.count(
        [
          ["confirmed", 1],
          ["waitlisted", -1],
        ],
        now,
      );
      const promoted: LedgerBookingRow = { ...row, status: "confirmed", updated_at: now };
      this.announce("booking.promoted", promoted);
      return promoted;
    });
  }

  applyChanges(changes: EventChanges): LedgerReply<LedgerEventRow> {
    const event = this.tables.currentEvent();
    const start = changes.startDate ?? event.start_date;
    const end = changes.endDate ?? event.end_date;
    if (!isAfter(end, start)) {
      return refusal("validation_failed", "endDate must be after startDate.", [
        { path: "endDate", message: "endDate must be after startDate" },
      ]);
    }
    const window = windowAfter(event, changes, start);
    const windowError = saleWindowError(window);
    if (windowError) return refusal("validation_failed", windowError.message, [windowError]);
    if (changes.capacity !== undefined) {
      const decision = decideCapacity(stateOf(event), changes.capacity);
      if (!decision.ok) return refusal(decision.code, decision.detail);
    }
    const next: LedgerEventRow = {
      ...event,
      title: changes.title ?? event.title,
      description: changes.description === undefined ? event.description : changes.description,
      country: changes.country ?? event.country,
      start_date: start,
      end_date: end,
      capacity: changes.capacity ?? event.capacity,
      waitlist_enabled:
        changes.waitlistEnabled === undefined
          ? event.waitlist_enabled
          : Number(changes.waitlistEnabled),
      status: changes.status ?? event.status,
      sales_start_at: window.salesStartAt,
      sales_end_at: window.salesEndAt,
      updated_at: nowIso(),
    };
    const moved = start !== event.start_date;
    const reopen = salesMovedLater(event.sales_start_at, window.salesStartAt, Date.now());
    this.tables.updateEvent(next, moved ? reminderTime(start, Date.now()) : undefined, reopen);
    const kind = editKind(factsOf(event), factsOf(next));
    if (kind === "event.cancelled") this.cancelWithEvent(changes);
    else this.announce(kind, null, { changes });
    this.promoteWaitlisted();
    return { ok: true, status: 200, body: this.tables.currentEvent() };
  }

  /**
   * A cancelled event takes its active bookings with it. Each attendee hears of it once,
   * from `event.cancelled`, which names them: D1 no longer lists them as active when the
   * notice is read.
   */
  private cancelWithEvent(changes: EventChanges) {
    const now = nowIso();
    const closed = this.tables.activeBookings();
    for (const row of closed) {
      this.tables.setBookingStatus(row.id, "cancelled", now);
      this.announce("booking.closed", { ...row, status: "cancelled", updated_at: now });
    }
    this.tables.clearCounts(now);
    for (const recipients of inNotices(closed.map((row) => row.attendee_id))) {
      this.announce("event.cancelled", null, { changes, recipients });
    }
  }

  /** Announces the reminder once, when its time has come and the event still takes place. */
  remindIfDue(now: number): boolean {
    const event = this.tables.event();
    if (!event || event.reminder_sent || event.reminder_at === null || event.reminder_at > now) {
      return false;
    }
    this.tables.markReminderSent();
    if (event.status !== "scheduled") return false;
    this.announce("event.reminder", null);
    return true;
  }

  private announce(
    type: ChangeType,
    booking: LedgerBookingRow | null,
    extra: Pick<ChangeData, "changes" | "recipients"> = {},
  ) {
    const event = this.tables.currentEvent();
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
      status: row.status,
      waitlistPosition: row.status === "waitlisted" ? this.tables.waitlistPosition(row.seq) : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }
}
