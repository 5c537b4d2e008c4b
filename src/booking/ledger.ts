import { DurableObject } from "cloudflare:workers";
import { newId } from "../lib/ids";
import { log } from "../lib/logger";
import { type ProblemCode, problem } from "../lib/problem";
import { nowIso } from "../lib/time";
import {
  copyStatements,
  deleteEventStatements,
  expireKeysStatement,
  loadEventStatement,
} from "./d1-copy";
import {
  type ChangeType,
  LEDGER_SCHEMA,
  type LedgerBookingRow,
  type LedgerEventRow,
} from "./ledger-schema";
import { decideBooking, decideCapacity, type EventState, nextInLine, promotionsDue } from "./rules";
import type {
  BookingView,
  BookRequest,
  CancellationView,
  EventChanges,
  LedgerReply,
} from "./types";

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const RETRY_SYNC_MS = 2_000;
const FLUSH_BATCH = 500;

const refusal = (
  code: ProblemCode,
  detail: string,
  errors?: { path: string; message: string }[],
) => {
  const p = problem(code, detail, errors ? { errors } : {});
  return { ok: false as const, status: p.status, body: p.toJSON() };
};

/**
 * The ledger of one event. Every change to the event's bookings is decided here, in
 * one synchronous SQLite transaction with no await inside, so concurrent requests
 * can never both take the last seat. D1 receives a copy after each decision.
 */
export class EventLedger extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private syncing: Promise<void> | null = null;
  private closing = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => {
      this.sql.exec(LEDGER_SCHEMA);
      // Nothing is in flight after a restart: a request cut off between its decision
      // and its answer is settled, so a retry with its key replays the decision.
      this.sql.exec("UPDATE idempotency SET done = 1 WHERE done = 0");
      // Changes decided before a restart but not yet in D1 are replayed by the alarm.
      if (this.hasUnsynced()) await ctx.storage.setAlarm(Date.now());
    });
  }

  async book(request: BookRequest): Promise<LedgerReply<BookingView>> {
    if (!(await this.open(request.eventId))) return this.eventNotFound();
    const reply = this.ctx.storage.transactionSync(() => this.decideBooking(request));
    if (reply.replayed) return reply;
    if (reply.ok) await this.syncSafely();
    if (request.idempotency) await this.settleIdempotency(request.scope, request.idempotency.key);
    return reply;
  }

  async cancel(eventId: string, bookingId: string): Promise<LedgerReply<CancellationView>> {
    if (!(await this.open(eventId))) return this.eventNotFound();
    const reply = this.ctx.storage.transactionSync(() => this.cancelBooking(bookingId));
    if (reply.ok) await this.syncSafely();
    return reply;
  }

  /** Cancels the attendee's active booking, if any, promoting from the waitlist. */
  async releaseAttendee(eventId: string, attendeeId: string): Promise<number> {
    if (!(await this.open(eventId))) return 0;
    const released = this.ctx.storage.transactionSync(() => {
      const row = this.activeBookingOf(attendeeId);
      return row ? this.cancelBooking(row.id).ok : false;
    });
    if (released) await this.syncSafely();
    return released ? 1 : 0;
  }

  async updateEvent(eventId: string, changes: EventChanges): Promise<LedgerReply<LedgerEventRow>> {
    if (!(await this.open(eventId))) return this.eventNotFound();
    const reply = this.ctx.storage.transactionSync(() => this.applyChanges(changes));
    if (reply.ok) await this.syncSafely();
    return reply;
  }

  /** Removes the event from D1 (its bookings cascade) and then the whole ledger. */
  async deleteEvent(eventId: string): Promise<void> {
    this.closing = true;
    try {
      await this.env.DB.batch(deleteEventStatements(this.env.DB, eventId));
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      this.sql.exec(LEDGER_SCHEMA);
    } finally {
      this.closing = false;
    }
  }

  override async alarm(): Promise<void> {
    const expiry = Date.now() - IDEMPOTENCY_TTL_MS;
    this.sql.exec("DELETE FROM idempotency WHERE created_at < ?", expiry);
    try {
      await this.syncToD1();
      const eventId = this.eventRow()?.id;
      if (eventId) await expireKeysStatement(this.env.DB, eventId, new Date(expiry)).run();
    } catch (error) {
      this.logSyncFailure(error);
      await this.ctx.storage.setAlarm(Date.now() + RETRY_SYNC_MS);
      return;
    }
    const oldest = this.sql
      .exec<{ at: number | null }>("SELECT min(created_at) AS at FROM idempotency")
      .one().at;
    if (oldest !== null) await this.ctx.storage.setAlarm(oldest + IDEMPOTENCY_TTL_MS);
  }

  /** Loads the event from D1 the first time this object serves it. */
  private async open(eventId: string): Promise<boolean> {
    if (this.closing) return false;
    if (this.eventRow()) return true;
    await this.ctx.blockConcurrencyWhile(async () => {
      if (this.eventRow()) return;
      const row = await loadEventStatement(this.env.DB, eventId).first<LedgerEventRow>();
      if (!row) return;
      this.sql.exec(
        `INSERT INTO event (id, organizer_id, title, description, country, start_date, end_date,
           capacity, waitlist_enabled, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        row.created_at,
        row.updated_at,
      );
    });
    return !this.closing && this.eventRow() !== null;
  }

  private eventNotFound() {
    return refusal("event_not_found", "No event has this id.");
  }

  private eventRow(): LedgerEventRow | null {
    return this.sql.exec<LedgerEventRow>("SELECT * FROM event").toArray()[0] ?? null;
  }

  private currentEvent(): LedgerEventRow {
    const row = this.eventRow();
    if (!row) throw new Error("ledger has no event");
    return row;
  }

  private stateOf(event: LedgerEventRow): EventState {
    return {
      capacity: event.capacity,
      waitlistEnabled: event.waitlist_enabled === 1,
      status: event.status,
      startDate: event.start_date,
      confirmed: event.confirmed,
      waitlisted: event.waitlisted,
    };
  }

  private activeBookingOf(attendeeId: string): LedgerBookingRow | null {
    return (
      this.sql
        .exec<LedgerBookingRow>(
          "SELECT * FROM bookings WHERE attendee_id = ? AND status IN ('confirmed', 'waitlisted')",
          attendeeId,
        )
        .toArray()[0] ?? null
    );
  }

  /** Runs inside transactionSync: the check and every write it implies, atomically. */
  private decideBooking(request: BookRequest): LedgerReply<BookingView> {
    const { idempotency, scope } = request;
    if (idempotency) {
      const previous = this.sql
        .exec<{ request_hash: string; status: number; body: string; done: number }>(
          "SELECT request_hash, status, body, done FROM idempotency WHERE scope = ? AND key = ? AND created_at >= ?",
          scope,
          idempotency.key,
          Date.now() - IDEMPOTENCY_TTL_MS,
        )
        .toArray()[0];
      if (previous) {
        if (previous.request_hash !== idempotency.requestHash) {
          return {
            ...refusal("idempotency_key_reused", "This key was used with another body."),
            replayed: true,
          };
        }
        if (!previous.done) {
          return {
            ...refusal("request_in_progress", "The first request with this key is still running."),
            replayed: true,
          };
        }
        const body = JSON.parse(previous.body);
        return {
          ok: previous.status < 400,
          status: previous.status,
          body,
          replayed: true,
        } as LedgerReply<BookingView>;
      }
    }
    const reply = this.placeBooking(request);
    if (idempotency) {
      this.sql.exec(
        `INSERT OR REPLACE INTO idempotency (scope, key, request_hash, status, body, done, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        scope,
        idempotency.key,
        idempotency.requestHash,
        reply.status,
        JSON.stringify(reply.body),
        reply.ok ? 0 : 1,
        Date.now(),
      );
    }
    return reply;
  }

  private placeBooking(request: BookRequest): LedgerReply<BookingView> {
    const event = this.currentEvent();
    const hasActive = this.activeBookingOf(request.attendeeId) !== null;
    const decision = decideBooking(this.stateOf(event), hasActive, new Date());
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
      "INSERT INTO bookings (id, attendee_id, attendee_name, status, seq, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      row.id,
      row.attendee_id,
      row.attendee_name,
      row.status,
      row.seq,
      row.created_at,
      row.updated_at,
    );
    const column = decision.status === "confirmed" ? "confirmed" : "waitlisted";
    this.sql.exec(
      `UPDATE event SET ${column} = ${column} + 1, next_seq = next_seq + 1, updated_at = ?`,
      now,
    );
    this.record(`booking.${decision.status}`, row);
    return { ok: true, status: 201, body: this.view(row) };
  }

  private cancelBooking(bookingId: string): LedgerReply<CancellationView> {
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
    this.sql.exec(`UPDATE event SET ${column} = ${column} - 1, updated_at = ?`, now);
    const cancelled: LedgerBookingRow = { ...row, status: "cancelled", updated_at: now };
    this.record("booking.cancelled", cancelled);
    const promoted = this.promoteNextWaitlisted();
    return {
      ok: true,
      status: 200,
      body: {
        message: "Booking cancelled",
        booking: this.view(cancelled),
        promoted: promoted[0] ? this.view(promoted[0]) : null,
      },
    };
  }

  /** Moves as many waitlisted bookings onto free seats as there are seats, oldest first. */
  private promoteNextWaitlisted(): LedgerBookingRow[] {
    const due = promotionsDue(this.stateOf(this.currentEvent()));
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
      this.sql.exec(
        "UPDATE event SET confirmed = confirmed + 1, waitlisted = waitlisted - 1, updated_at = ?",
        now,
      );
      const promoted: LedgerBookingRow = { ...row, status: "confirmed", updated_at: now };
      this.record("booking.promoted", promoted);
      return promoted;
    });
  }

  private applyChanges(changes: EventChanges): LedgerReply<LedgerEventRow> {
    const event = this.currentEvent();
    const start = changes.startDate ?? event.start_date;
    const end = changes.endDate ?? event.end_date;
    if (end <= start) {
      return refusal("validation_failed", "endDate must be after startDate.", [
        { path: "endDate", message: "endDate must be after startDate" },
      ]);
    }
    if (changes.capacity !== undefined) {
      const decision = decideCapacity(this.stateOf(event), changes.capacity);
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
    this.sql.exec(
      `UPDATE event SET title = ?, description = ?, country = ?, start_date = ?, end_date = ?,
         capacity = ?, waitlist_enabled = ?, status = ?, updated_at = ?`,
      next.title,
      next.description,
      next.country,
      next.start_date,
      next.end_date,
      next.capacity,
      next.waitlist_enabled,
      next.status,
      next.updated_at,
    );
    this.record(this.eventChangeType(event, next), null, { changes });
    this.promoteNextWaitlisted();
    return { ok: true, status: 200, body: this.currentEvent() };
  }

  private eventChangeType(before: LedgerEventRow, after: LedgerEventRow): ChangeType {
    if (after.status === "cancelled" && before.status !== "cancelled") return "event.cancelled";
    const moved =
      after.start_date !== before.start_date ||
      after.end_date !== before.end_date ||
      after.country !== before.country;
    return moved ? "event.updated" : "event.edited";
  }

  /** Appends to the outbox in the caller's transaction: the change and its record commit together. */
  private record(type: ChangeType, booking: LedgerBookingRow | null, extra: object = {}) {
    const event = this.currentEvent();
    const data = {
      ...extra,
      booking: booking ? this.view(booking) : undefined,
      seats: {
        capacity: event.capacity,
        bookedCount: event.confirmed,
        waitlistCount: event.waitlisted,
        status: event.status,
      },
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

  private view(row: LedgerBookingRow): BookingView {
    const event = this.currentEvent();
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

  private async settleIdempotency(scope: string, key: string) {
    this.sql.exec("UPDATE idempotency SET done = 1 WHERE scope = ? AND key = ?", scope, key);
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null) await this.ctx.storage.setAlarm(Date.now() + IDEMPOTENCY_TTL_MS);
  }

  private hasUnsynced(): boolean {
    return this.sql.exec("SELECT 1 FROM outbox WHERE synced = 0 LIMIT 1").toArray().length > 0;
  }

  /**
   * A decision stands even when D1 is down: the caller gets its answer from the
   * ledger, and the alarm keeps replaying the outbox until D1 has every change.
   */
  private async syncSafely() {
    try {
      await this.syncToD1();
    } catch (error) {
      this.logSyncFailure(error);
      await this.ctx.storage.setAlarm(Date.now() + RETRY_SYNC_MS);
    }
  }

  /**
   * Waits until D1 holds every change recorded so far. Concurrent callers share one
   * flush at a time, and each flush carries every change pending when it starts, so
   * a burst of bookings costs a few D1 batches rather than one per booking.
   */
  private async syncToD1() {
    const target = this.sql
      .exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM outbox")
      .one().seq;
    if (target === null) return;
    const pendingUpTo = () =>
      this.sql.exec("SELECT 1 FROM outbox WHERE synced = 0 AND seq <= ? LIMIT 1", target).toArray()
        .length > 0;
    while (pendingUpTo()) {
      this.syncing ??= this.flush().finally(() => {
        this.syncing = null;
      });
      await this.syncing;
    }
  }

  private async flush() {
    const pending = this.sql
      .exec<{ seq: number; booking_id: string | null }>(
        "SELECT seq, booking_id FROM outbox WHERE synced = 0 ORDER BY seq LIMIT ?",
        FLUSH_BATCH,
      )
      .toArray();
    const last = pending.at(-1);
    if (!last) return;
    const lastChange = new Map<string, number>();
    for (const { seq, booking_id } of pending) if (booking_id) lastChange.set(booking_id, seq);
    const bookings = [...lastChange.entries()]
      .sort((a, b) => a[1] - b[1])
      .map(([id]) =>
        this.sql.exec<LedgerBookingRow>("SELECT * FROM bookings WHERE id = ?", id).one(),
      );
    const event = this.currentEvent();
    const results = await this.env.DB.batch(copyStatements(this.env.DB, event, bookings));
    this.sql.exec("UPDATE outbox SET synced = 1 WHERE synced = 0 AND seq <= ?", last.seq);
    const eventExists = (results.at(-1)?.meta.changes ?? 0) > 0;
    if (bookings.length > 0 && eventExists) {
      const landed = new Set((results[0]?.results ?? []).map((r) => (r as { id: string }).id));
      this.releaseOrphans(bookings.filter((b) => !landed.has(b.id)));
    }
  }

  /**
   * A booking D1 refused because its attendee was deleted meanwhile must not keep a
   * seat: it is cancelled here, and the freed seat goes to the waitlist.
   */
  private releaseOrphans(orphans: LedgerBookingRow[]) {
    const active = orphans.filter((b) => b.status !== "cancelled");
    if (active.length === 0) return;
    this.ctx.storage.transactionSync(() => {
      for (const orphan of active) {
        const current = this.activeBookingOf(orphan.attendee_id);
        if (current?.id === orphan.id) this.cancelBooking(orphan.id);
      }
    });
    log(this.env, "warn", "released bookings of deleted attendees", {
      bookingIds: active.map((b) => b.id),
    });
    void this.ctx.storage.setAlarm(Date.now());
  }

  private logSyncFailure(error: unknown) {
    log(this.env, "error", "ledger copy to D1 failed; will retry", {
      eventId: this.eventRow()?.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
