import { EDITABLE_COLUMNS } from "../contracts/event";
import { LedgerTickets } from "../tickets/ledger-tickets";
import { AdmissionPasses } from "./admission-passes";
import { CatalogStore } from "./catalog-store";
import {
  ADOPTED_COLUMNS,
  type AdoptedEvent,
  BOOKING_COLUMNS,
  type EditableColumns,
  type LedgerBookingRow,
  type LedgerEventRow,
} from "./rows";

type Counter = "confirmed" | "held" | "waitlisted";

/**
 * The ledger's tables and every query over them, synchronous. The event row is read
 * once per change and cached; any write to it drops the cache.
 */
export class LedgerTables {
  private cached: LedgerEventRow | null | undefined;
  readonly tickets: LedgerTickets;
  readonly catalog: CatalogStore;
  readonly passes: AdmissionPasses;

  constructor(private readonly storage: DurableObjectStorage) {
    this.passes = new AdmissionPasses(storage.sql);
    this.tickets = new LedgerTickets(storage.sql);
    this.catalog = new CatalogStore(storage.sql);
  }

  private get sql() {
    return this.storage.sql;
  }

  /** Runs one decision atomically; a cached row never outlives a rolled-back write. */
  transaction<T>(decision: () => T): T {
    this.dropCachedEvent();
    try {
      return this.storage.transactionSync(decision);
    } catch (error) {
      this.dropCachedEvent();
      throw error;
    }
  }

  /** After a write to the event row, a rollback, or a wipe of the whole ledger. */
  dropCachedEvent() {
    this.cached = undefined;
    this.catalog.dropCached();
  }

  event(): LedgerEventRow | null {
    if (this.cached === undefined) {
      this.cached = this.sql.exec<LedgerEventRow>("SELECT * FROM event").toArray()[0] ?? null;
    }
    return this.cached;
  }

  /** The event row inside a decision, where the ledger is known to hold its event. */
  currentEvent(): LedgerEventRow {
    const row = this.event();
    if (!row) throw new Error("ledger has no event");
    return row;
  }

  private writeEvent(query: string, ...bindings: SqlStorageValue[]) {
    this.sql.exec(query, ...bindings);
    this.dropCachedEvent();
  }

  insertEvent(row: AdoptedEvent, reminderAt: number | null, salesToAnnounce: boolean) {
    const columns = [...ADOPTED_COLUMNS, "reminder_at", "sales_opened_sent", "published_sent"];
    this.writeEvent(
      `INSERT INTO event (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      ...ADOPTED_COLUMNS.map((column) => row[column]),
      reminderAt,
      Number(!salesToAnnounce),
      0,
    );
  }

  /** Writes the editable columns; a moved start date re-arms the reminder. */
  updateEvent(
    next: EditableColumns & { updated_at: string },
    reminder?: number | null,
    salesReopen = false,
  ) {
    const moved = reminder !== undefined;
    this.writeEvent(
      `UPDATE event SET ${EDITABLE_COLUMNS.map((column) => `${column} = ?`).join(", ")},
         updated_at = ?,
         sales_opened_sent = CASE WHEN ? THEN 0 ELSE sales_opened_sent END,
         reminder_at = CASE WHEN ? THEN ? ELSE reminder_at END,
         reminder_sent = CASE WHEN ? THEN 0 ELSE reminder_sent END`,
      ...EDITABLE_COLUMNS.map((column) => next[column]),
      next.updated_at,
      Number(salesReopen),
      Number(moved),
      reminder ?? null,
      Number(moved),
    );
  }

  /** The event's `price` reads as its first visible type's. */
  setPrice(price: number) {
    this.writeEvent("UPDATE event SET price = ?", price);
  }

  markReminderSent() {
    this.writeEvent("UPDATE event SET reminder_sent = 1");
  }

  markSent(flag: "sales_opened_sent" | "published_sent") {
    this.writeEvent(`UPDATE event SET ${flag} = 1`);
  }

  /** Moves the event's seat counters; a new booking also takes the next queue number. */
  count(changes: [Counter, number][], now: string, options: { takesSeq?: boolean } = {}) {
    if (changes.length === 0 && !options.takesSeq) return;
    const sets = changes.map(([column, by]) => `${column} = ${column} + ${Math.trunc(by)}`);
    if (options.takesSeq) sets.push("next_seq = next_seq + 1");
    this.writeEvent(`UPDATE event SET ${sets.join(", ")}, updated_at = ?`, now);
  }

  /** The oldest `limit` active bookings: a closing event lets go of them a slice at a time. */
  activeBookings(limit: number): LedgerBookingRow[] {
    return this.sql
      .exec<LedgerBookingRow>(
        "SELECT * FROM bookings WHERE status IN ('pending', 'confirmed', 'waitlisted') ORDER BY seq LIMIT ?",
        limit,
      )
      .toArray();
  }

  /** Refunds handed to the provider and not yet confirmed or given up. */
  refundsPending(): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM bookings WHERE payment_status = 'refund_pending'",
      )
      .one().n;
  }

  /** From now on the ledger only winds its event down. */
  markDeleting(at: number) {
    this.writeEvent("UPDATE event SET deleting_at = ?, status = 'cancelled'", at);
  }

  insertBooking(row: LedgerBookingRow) {
    this.sql.exec(
      `INSERT INTO bookings (${BOOKING_COLUMNS.join(", ")})
       VALUES (${BOOKING_COLUMNS.map(() => "?").join(", ")})`,
      ...BOOKING_COLUMNS.map((column) => row[column]),
    );
  }

  /** Writes what a move changes: the status, the hold and the payment. */
  updateBooking(row: LedgerBookingRow) {
    this.sql.exec(
      `UPDATE bookings SET status = ?, expires_at = ?, updated_at = ?, payment_status = ?,
         session_id = ?, checkout_url = ?, payment_intent = ?, checkout_notice = ?,
         checkout_expires_at = ?, checkout_title = ?, link_origin = ?
       WHERE id = ?`,
      row.status,
      row.expires_at,
      row.updated_at,
      row.payment_status,
      row.session_id,
      row.checkout_url,
      row.payment_intent,
      row.checkout_notice,
      row.checkout_expires_at,
      row.checkout_title,
      row.link_origin,
      row.id,
    );
  }

  /** Takes the name D1 holds for the booking's attendee, when it differs. */
  nameHolder(bookingId: string, name: string) {
    this.sql.exec(
      "UPDATE bookings SET attendee_name = ? WHERE id = ? AND attendee_name <> ?",
      name,
      bookingId,
      name,
    );
  }

  booking(id: string): LedgerBookingRow | null {
    return (
      this.sql.exec<LedgerBookingRow>("SELECT * FROM bookings WHERE id = ?", id).toArray()[0] ??
      null
    );
  }

  activeBookingOf(attendeeId: string): LedgerBookingRow | null {
    return (
      this.sql
        .exec<LedgerBookingRow>(
          "SELECT * FROM bookings WHERE attendee_id = ? AND status IN ('pending', 'confirmed', 'waitlisted')",
          attendeeId,
        )
        .toArray()[0] ?? null
    );
  }

  /** Holds whose time is up, whether or not the alarm has come. */
  overdueHolds(now: number): LedgerBookingRow[] {
    return this.sql
      .exec<LedgerBookingRow>(
        "SELECT * FROM bookings WHERE status = 'pending' AND expires_at <= ? ORDER BY seq",
        now,
      )
      .toArray();
  }

  /** When the next hold lapses, for the alarm. */
  nextExpiry(): number | null {
    return this.sql
      .exec<{ at: number | null }>(
        "SELECT min(expires_at) AS at FROM bookings WHERE status = 'pending'",
      )
      .one().at;
  }

  /** The most seats any waiting booking needs: capacity may not go below it. */
  largestWaiting(): number {
    return (
      this.sql
        .exec<{ n: number | null }>(
          "SELECT max(seats) AS n FROM bookings WHERE status = 'waitlisted'",
        )
        .one().n ?? 0
    );
  }

  /** The first `count` waitlisted bookings, oldest first. */
  waitlistHead(count: number): LedgerBookingRow[] {
    return this.sql
      .exec<LedgerBookingRow>(
        "SELECT * FROM bookings WHERE status = 'waitlisted' ORDER BY seq LIMIT ?",
        count,
      )
      .toArray();
  }

  /**
   * The whole waitlist, oldest first, read as it is walked: a walk that stops early
   * reads no further.
   */
  waitlist(): Iterable<LedgerBookingRow> {
    return this.sql.exec<LedgerBookingRow>(
      "SELECT * FROM bookings WHERE status = 'waitlisted' ORDER BY seq",
    );
  }

  /** The 1-based place of a waitlisted booking among those still waiting. */
  waitlistPosition(seq: number): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM bookings WHERE status = 'waitlisted' AND seq <= ?",
        seq,
      )
      .one().n;
  }
}
