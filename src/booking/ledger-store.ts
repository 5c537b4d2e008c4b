import { newId } from "../lib/ids";
import { type ProblemCode, problem } from "../lib/problem";
import { nowIso } from "../lib/time";
import type { ChangeType, LedgerBookingRow, LedgerEventRow } from "./ledger-schema";
import {
  decideBooking,
  decideCapacity,
  type EventState,
  nextInLine,
  promotionsDue,
  reminderTime,
} from "./rules";
import type {
  BookingView,
  BookRequest,
  CancellationView,
  EventChanges,
  LedgerReply,
} from "./types";

export const refusal = (
  code: ProblemCode,
  detail: string,
  errors?: { path: string; message: string }[],
) => {
  const p = problem(code, detail, errors ? { errors } : {});
  return { ok: false as const, status: p.status, body: p.toJSON() };
};

export interface Seats {
  availableSeats: number;
  bookedCount: number;
  waitlistCount: number;
  status: LedgerEventRow["status"];
}

/**
 * Every decision of the ledger, over its SQLite, synchronously. Callers run these
 * inside `transactionSync`, so each check and the writes it implies commit together.
 */
export class LedgerStore {
  /** The one event row, read once per change rather than at every step of a decision. */
  private cached: LedgerEventRow | null | undefined;

  constructor(private readonly sql: SqlStorage) {}

  event(): LedgerEventRow | null {
    if (this.cached === undefined) {
      this.cached = this.sql.exec<LedgerEventRow>("SELECT * FROM event").toArray()[0] ?? null;
    }
    return this.cached;
  }

  /** Called after every write to the event row, and around every transaction (a rollback too). */
  forget() {
    this.cached = undefined;
  }

  /** Runs one decision atomically; the cached row never outlives a rolled-back write. */
  decide<T>(storage: DurableObjectStorage, decision: () => T): T {
    this.forget();
    try {
      return storage.transactionSync(decision);
    } catch (error) {
      this.forget();
      throw error;
    }
  }

  private updateEvent(query: string, ...bindings: SqlStorageValue[]) {
    this.sql.exec(query, ...bindings);
    this.forget();
  }

  private current(): LedgerEventRow {
    const row = this.event();
    if (!row) throw new Error("ledger has no event");
    return row;
  }

  private state(event: LedgerEventRow): EventState {
    return {
      capacity: event.capacity,
      waitlistEnabled: event.waitlist_enabled === 1,
      status: event.status,
      startDate: event.start_date,
      confirmed: event.confirmed,
      waitlisted: event.waitlisted,
    };
  }

  seats(): Seats {
    const event = this.current();
    return {
      availableSeats: Math.max(0, event.capacity - event.confirmed),
      bookedCount: event.confirmed,
      waitlistCount: event.waitlisted,
      status: event.status,
    };
  }

  /** Takes the event as D1 stored it at creation; from then on this ledger owns it. */
  adopt(
    row: Omit<
      LedgerEventRow,
      "confirmed" | "waitlisted" | "next_seq" | "reminder_at" | "reminder_sent"
    >,
  ) {
    this.updateEvent(
      `INSERT INTO event (id, organizer_id, title, description, country, start_date, end_date,
         capacity, waitlist_enabled, status, reminder_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      row.id,
      row.organizer_id,
      row.title,
      row.description,
      row.country,
      row.start_date,
      row.end_date,
      row.capacity,
      row.waitlist_enabled,
      row.status,
      reminderTime(row.start_date, Date.now()),
      row.created_at,
      row.updated_at,
    );
  }

  activeBookingOf(attendeeId: string): LedgerBookingRow | null {
    return (
      this.sql
        .exec<LedgerBookingRow>(
          "SELECT * FROM bookings WHERE attendee_id = ? AND status IN ('confirmed', 'waitlisted')",
          attendeeId,
        )
        .toArray()[0] ?? null
    );
  }

  placeBooking(request: BookRequest): LedgerReply<BookingView> {
    const event = this.current();
    const hasActive = this.activeBookingOf(request.attendeeId) !== null;
    const decision = decideBooking(this.state(event), hasActive, new Date());
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
    this.sql.exec(
      `INSERT INTO bookings (id, attendee_id, attendee_name, status, seq, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      row.id,
      row.attendee_id,
      row.attendee_name,
      row.status,
      row.seq,
      row.created_at,
      row.updated_at,
    );
    const column = decision.status === "confirmed" ? "confirmed" : "waitlisted";
    this.updateEvent(
      `UPDATE event SET ${column} = ${column} + 1, next_seq = next_seq + 1, updated_at = ?`,
      now,
    );
    this.record(`booking.${decision.status}`, row);
    return { ok: true, status: 201, body: this.view(row) };
  }

  cancelBooking(bookingId: string): LedgerReply<CancellationView> {
    const row = this.sql
      .exec<LedgerBookingRow>("SELECT * FROM bookings WHERE id = ?", bookingId)
      .toArray()[0];
    if (!row) return refusal("booking_not_found", "No booking has this id.");
    if (row.status === "cancelled") {
      return refusal("already_cancelled", "This booking is already cancelled.");
    }
    const now = nowIso();
    const column = row.status === "confirmed" ? "confirmed" : "waitlisted";
    this.sql.exec(
      "UPDATE bookings SET status = 'cancelled', updated_at = ? WHERE id = ?",
      now,
      row.id,
    );
    this.updateEvent(`UPDATE event SET ${column} = ${column} - 1, updated_at = ?`, now);
    const cancelled: LedgerBookingRow = { ...row, status: "cancelled", updated_at: now };
    this.record("booking.cancelled", cancelled);
    const [promoted] = this.promoteNextWaitlisted();
    return {
      ok: true,
      status: 200,
      body: {
        message: "Booking cancelled",
        booking: this.view(cancelled),
        promoted: promoted ? this.view(promoted) : null,
      },
    };
  }

  /** Moves as many waitlisted bookings onto free seats as there are seats, oldest first. */
  promoteNextWaitlisted(): LedgerBookingRow[] {
    const due = promotionsDue(this.state(this.current()));
    if (due === 0) return [];
    const waiting = this.sql
      .exec<LedgerBookingRow>(
        "SELECT * FROM bookings WHERE status = 'waitlisted' ORDER BY seq LIMIT ?",
        due,
      )
      .toArray();
    const now = nowIso();
    return nextInLine(waiting, due).map((row) => {
      this.sql.exec(
        "UPDATE bookings SET status = 'confirmed', updated_at = ? WHERE id = ?",
        now,
        row.id,
      );
      this.updateEvent(
        "UPDATE event SET confirmed = confirmed + 1, waitlisted = waitlisted - 1, updated_at = ?",
        now,
      );
      const promoted: LedgerBookingRow = { ...row, status: "confirmed", updated_at: now };
      this.record("booking.promoted", promoted);
      return promoted;
    });
  }

  applyChanges(changes: EventChanges): LedgerReply<LedgerEventRow> {
    const event = this.current();
    const start = changes.startDate ?? event.start_date;
    const end = changes.endDate ?? event.end_date;
    if (end <= start) {
      return refusal("validation_failed", "endDate must be after startDate.", [
        { path: "endDate", message: "endDate must be after startDate" },
      ]);
    }
    if (changes.capacity !== undefined) {
      const decision = decideCapacity(this.state(event), changes.capacity);
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
      updated_at: nowIso(),
    };
    const moved = start !== event.start_date;
    this.updateEvent(
      `UPDATE event SET title = ?, description = ?, country = ?, start_date = ?, end_date = ?,
         capacity = ?, waitlist_enabled = ?, status = ?, updated_at = ?,
         reminder_at = CASE WHEN ? THEN ? ELSE reminder_at END,
         reminder_sent = CASE WHEN ? THEN 0 ELSE reminder_sent END`,
      next.title,
      next.description,
      next.country,
      next.start_date,
      next.end_date,
      next.capacity,
      next.waitlist_enabled,
      next.status,
      next.updated_at,
      Number(moved),
      reminderTime(start, Date.now()),
      Number(moved),
    );
    this.record(changeType(event, next), null, { changes });
    this.promoteNextWaitlisted();
    return { ok: true, status: 200, body: this.current() };
  }

  /** Announces the reminder once, when its time has come and the event still takes place. */
  remindIfDue(now: number): boolean {
    const event = this.event();
    if (!event || event.reminder_sent || event.reminder_at === null || event.reminder_at > now) {
      return false;
    }
    this.updateEvent("UPDATE event SET reminder_sent = 1");
    if (event.status !== "scheduled") return false;
    this.record("event.reminder", null);
    return true;
  }

  /** Appends to the outbox in the caller's transaction: the change and its record commit together. */
  private record(type: ChangeType, booking: LedgerBookingRow | null, extra: object = {}) {
    const event = this.current();
    const data = {
      ...extra,
      booking: booking ? this.view(booking) : undefined,
      event: {
        title: event.title,
        startDate: event.start_date,
        endDate: event.end_date,
        country: event.country,
      },
      seats: this.seats(),
    };
    this.sql.exec(
      "INSERT INTO outbox (id, type, booking_id, attendee_id, occurred_at, data) VALUES (?, ?, ?, ?, ?, ?)",
      newId(),
      type,
      booking?.id ?? null,
      booking?.attendee_id ?? null,
      nowIso(),
      JSON.stringify(data),
    );
  }

  view(row: LedgerBookingRow): BookingView {
    const event = this.current();
    const position =
      row.status === "waitlisted"
        ? this.sql
            .exec<{ n: number }>(
              "SELECT count(*) AS n FROM bookings WHERE status = 'waitlisted' AND seq <= ?",
              row.seq,
            )
            .one().n
        : null;
    return {
      id: row.id,
      eventId: event.id,
      attendeeId: row.attendee_id,
      status: row.status,
      waitlistPosition: position,
      event: { id: event.id, title: event.title },
      attendee: { id: row.attendee_id, name: row.attendee_name },
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

const changeType = (before: LedgerEventRow, after: LedgerEventRow): ChangeType => {
  if (after.status === "cancelled" && before.status !== "cancelled") return "event.cancelled";
  const moved =
    after.start_date !== before.start_date ||
    after.end_date !== before.end_date ||
    after.country !== before.country;
  return moved ? "event.updated" : "event.edited";
};
