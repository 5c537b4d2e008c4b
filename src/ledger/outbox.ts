import {
  type ChangeData,
  type ChangeType,
  type DomainEvent,
  fitDomainEvent,
  NOTIFICATION_TYPES,
  type OrganizerEvent,
  type TicketCheckIn,
} from "../contracts/domain-events";
import type { WorkflowStep } from "../contracts/workflow-steps";
import { newId } from "../lib/ids";
import { sendAll } from "../lib/queue-batches";
import { DAY_MS, nowIso } from "../lib/time";
import { announcedTicketLinks } from "../tickets/announced-links";
import { ticketCopyStatements } from "../tickets/d1-copy";
import { copyStatements, type EventCopyResult } from "./d1-copy";
import type { LedgerBookingRow } from "./rows";
import type { LedgerTables } from "./tables";

const FLUSH_BATCH = 500;
/**
 * Under load (changes arrived while the last copy was in flight), the next copy waits
 * this long before it starts, so more bookings share its D1 round trip: a few
 * milliseconds on each answer for fewer, fuller batches. A lone change never waits.
 */
export const COPY_LINGER_MS = 5;
/** Rows both copied and published are kept this long for inspection. */
const HISTORY_MS = DAY_MS;
/** Rows read per publish; sendAll splits them further by the queue's byte limits. */
const PUBLISH_BATCH = 100;
/**
 * Batches one call publishes: a deleted event with tens of thousands of bookings is
 * published over several alarms, each far below the 1,000 subrequests of an invocation.
 */
const PUBLISH_BATCHES_PER_CALL = 20;
const PUBLISHED_TYPES = new Set<string>(NOTIFICATION_TYPES);
/** Copies whose webhook listening is remembered until their changes are published. */
const COPIES_KEPT = 1_000;

type OutboxRow = {
  seq: number;
  id: string;
  type: string;
  booking_id: string | null;
  attendee_id: string | null;
  occurred_at: string;
  data: string;
};

/**
 * The ledger's change log. Each decision appends to it in its own transaction, so a
 * change and its record commit together. The outbox then carries the changes out:
 * first into D1 (awaited by the caller, for read-your-writes), then onto the
 * notification queue. Concurrent callers share one flush at a time, and each flush
 * takes every change pending when it starts, so a burst of bookings costs a few D1
 * batches rather than one per booking.
 */
export class Outbox {
  private syncing: Promise<void> | null = null;
  private publishing: Promise<void> | null = null;
  /** Whether more changes were waiting when the last copy landed. */
  private busy = false;
  /**
   * How far the outbox has been copied and published. Both advance in sequence order,
   * so a position says it all; kept in memory, read from the outbox after a restart.
   */
  private syncedUpTo: number | null = null;
  private publishedUpTo: number | null = null;
  /**
   * Each copy since the last published change: the last change it carried, and whether
   * the organizer had a webhook endpoint then. Kept in memory: after a restart nothing is
   * known, and every change goes to the webhook fan-out as before.
   */
  private copies: { upTo: number; listened: boolean }[] = [];
  /** Changes up to here were carried by copies no longer remembered. */
  private forgottenUpTo = 0;

  constructor(
    private readonly sql: SqlStorage,
    private readonly tables: LedgerTables,
    private readonly env: Env,
    /** Called with bookings D1 refused because their attendee no longer exists. */
    private readonly onOrphans: (orphans: LedgerBookingRow[]) => void,
  ) {}

  /** Must run inside the decision's transaction. */
  append(type: ChangeType, booking: LedgerBookingRow | null, data: ChangeData) {
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

  /** After the ledger was wiped, positions are read again from the (empty) outbox. */
  resetPositions() {
    this.syncedUpTo = null;
    this.publishedUpTo = null;
    this.copies = [];
    this.forgottenUpTo = 0;
  }

  /** Whether no webhook endpoint could hear of the change: its copy found none listening. */
  private unheard(seq: number): boolean {
    if (seq <= this.forgottenUpTo) return false;
    return this.copies.find((copy) => copy.upTo >= seq)?.listened === false;
  }

  private lastSeq(): number {
    return (
      this.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM outbox").one().seq ?? 0
    );
  }

  private position(column: "synced" | "published"): number {
    const first = this.sql
      .exec<{ seq: number | null }>(`SELECT min(seq) AS seq FROM outbox WHERE ${column} = 0`)
      .one().seq;
    return first === null ? this.lastSeq() : first - 1;
  }

  private synced(): number {
    this.syncedUpTo ??= this.position("synced");
    return this.syncedUpTo;
  }

  private published(): number {
    this.publishedUpTo ??= this.position("published");
    return this.publishedUpTo;
  }

  hasPendingWork(): boolean {
    const last = this.lastSeq();
    return this.synced() < last || this.published() < last;
  }

  /** Resolves once D1 holds every change recorded before the call. */
  async syncToD1(): Promise<void> {
    const target = this.lastSeq();
    while (this.synced() < target) {
      this.syncing ??= this.flush().finally(() => {
        this.syncing = null;
      });
      await this.syncing;
    }
  }

  private async flush() {
    if (this.busy) await new Promise((resolve) => setTimeout(resolve, COPY_LINGER_MS));
    const pending = this.sql
      .exec<{ seq: number; booking_id: string | null; type: string }>(
        "SELECT seq, booking_id, type FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
        this.synced(),
        FLUSH_BATCH,
      )
      .toArray();
    const last = pending.at(-1);
    const event = this.tables.event();
    if (!last || !event) {
      this.syncedUpTo = this.lastSeq();
      return;
    }
    // A deleted event's rows are gone from D1: its ledger only winds down.
    if (event.deleting_at !== null) {
      this.sql.exec("UPDATE outbox SET synced = 1 WHERE synced = 0 AND seq <= ?", last.seq);
      this.syncedUpTo = Math.max(this.synced(), last.seq);
      return;
    }
    // Latest state of each touched booking, in the order of its last change.
    const lastChange = new Map<string, number>();
    for (const { seq, booking_id } of pending) if (booking_id) lastChange.set(booking_id, seq);
    const bookings = [...lastChange.entries()]
      .sort((a, b) => a[1] - b[1])
      .flatMap(([id]) => this.tables.booking(id) ?? []);
    const tickets = this.tables.tickets.ofBookings(bookings.map((b) => b.id));
    const results = await this.env.DB.batch(
      copyStatements(
        this.env.DB,
        event,
        this.tables.catalog.types(),
        bookings,
        ticketCopyStatements(this.env.DB, event.id, tickets),
        // Only an event's own changes (`event.*`) touch the organizer's fields.
        pending.some(({ type }) => type.startsWith("event.")),
      ),
    );
    const copied = (results.at(-1)?.results ?? []) as EventCopyResult[];
    const eventExists = copied.length > 0;
    if (eventExists) {
      // While publishing fails, copies pile up: past the cap the oldest are forgotten, and
      // their changes go to the fan-out, which is only not free.
      const forgotten = this.copies.length >= COPIES_KEPT ? this.copies.shift() : undefined;
      if (forgotten) this.forgottenUpTo = forgotten.upTo;
      this.copies.push({ upTo: last.seq, listened: copied[0]?.listened === 1 });
    }
    const landed = new Map(
      (
        (bookings.length > 0 ? (results[0]?.results ?? []) : []) as {
          id: string;
          name: string | null;
        }[]
      ).map((r) => [r.id, r.name]),
    );
    this.tables.transaction(() => {
      for (const [id, name] of landed) if (name !== null) this.tables.nameHolder(id, name);
      this.sql.exec("UPDATE outbox SET synced = 1 WHERE synced = 0 AND seq <= ?", last.seq);
    });
    this.syncedUpTo = Math.max(this.synced(), last.seq);
    this.busy = this.lastSeq() > last.seq;
    if (bookings.length > 0 && eventExists) {
      const orphans = bookings.filter((b) => !landed.has(b.id) && b.status !== "cancelled");
      if (orphans.length > 0) this.onOrphans(orphans);
    }
  }

  /**
   * Publishes the changes D1 already holds (the consumer reads D1), at least once: a row
   * is marked published only after the queue accepted it. A call publishes a bounded
   * number of batches; `hasPendingWork` tells the alarm to come back for the rest.
   */
  async publish(): Promise<void> {
    for (let round = 0; round < PUBLISH_BATCHES_PER_CALL; round++) {
      if (this.published() >= this.synced()) return;
      this.publishing ??= this.publishBatch().finally(() => {
        this.publishing = null;
      });
      await this.publishing;
    }
  }

  private async publishBatch() {
    const rows = this.sql
      .exec<OutboxRow>(
        "SELECT * FROM outbox WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
        this.published(),
        this.synced(),
        PUBLISH_BATCH,
      )
      .toArray();
    const last = rows.at(-1);
    const event = this.tables.event();
    const eventId = event?.id;
    if (!last || !event || !eventId) {
      this.publishedUpTo = this.synced();
      return;
    }
    const ticketLinks = await announcedTicketLinks(
      this.env,
      event.end_date,
      rows.map((row) => ({
        type: row.type,
        booking: row.booking_id ? this.tables.booking(row.booking_id) : null,
      })),
    );
    // Capped per message and split per sendBatch: one oversized change must not hold back the rest.
    const bodies = rows.flatMap((row): unknown[] => {
      const unheard = this.unheard(row.seq);
      if (PUBLISHED_TYPES.has(row.type)) {
        const link = row.booking_id ? ticketLinks.get(row.booking_id) : undefined;
        const holder = row.booking_id ? this.tables.booking(row.booking_id)?.attendee_name : "";
        const domainEvent = toDomainEvent(eventId, row, { ticketsUrl: link, holder });
        return [fitDomainEvent({ ...domainEvent, ...(unheard ? { webhooks: false } : {}) })];
      }
      // A check-in is for webhooks alone: with no endpoint to hear of it, it is not sent.
      if (row.type === "ticket.checked_in") return unheard ? [] : [toOrganizerEvent(eventId, row)];
      const step = toWorkflowStep(eventId, row);
      return step ? [step] : [];
    });
    await sendAll(this.env.NOTIFY_QUEUE, bodies);
    this.sql.exec("UPDATE outbox SET published = 1 WHERE published = 0 AND seq <= ?", last.seq);
    this.publishedUpTo = Math.max(this.published(), last.seq);
    this.copies = this.copies.filter((copy) => copy.upTo > last.seq);
  }

  /** Rows both copied and published are history, dropped once older than HISTORY_MS. */
  forget(now: number) {
    this.sql.exec(
      "DELETE FROM outbox WHERE synced = 1 AND published = 1 AND occurred_at < ?",
      new Date(now - HISTORY_MS).toISOString(),
    );
  }
}

/** The work a `refund.requested` or `checkout.expire` row hands to its workflow. */
const toWorkflowStep = (eventId: string, row: OutboxRow): WorkflowStep | null => {
  if (!row.booking_id) return null;
  const data = JSON.parse(row.data) as ChangeData;
  const step = {
    eventId,
    bookingId: row.booking_id,
    attempt: 1,
    decidedAt: Date.parse(row.occurred_at),
  };
  if (row.type === "refund.requested" && data.refund) {
    const { paymentIntentId, amount, currency } = data.refund;
    return { workflow: "refund", ...step, paymentIntentId, amount, currency };
  }
  if (row.type === "checkout.expire" && data.sessionId) {
    return { workflow: "expire-checkout", ...step, sessionId: data.sessionId };
  }
  return null;
};

/** A check-in, for the organizer's webhooks only. */
const toOrganizerEvent = (eventId: string, row: OutboxRow): OrganizerEvent => {
  const { ticket } = JSON.parse(row.data) as ChangeData;
  return {
    kind: "organizer-event",
    domainEvent: {
      id: row.id,
      type: "ticket.checked_in",
      occurredAt: row.occurred_at,
      eventId,
      ...(row.booking_id ? { bookingId: row.booking_id } : {}),
      data: { ticket: ticket as TicketCheckIn },
    },
  };
};

/**
 * Rows of published types were written by `append` with data typed by their schema. The
 * booking is named as the ledger names it now: a booking placed before its D1 copy
 * brought back the attendee's name was recorded without it.
 */
const toDomainEvent = (
  eventId: string,
  row: OutboxRow,
  { ticketsUrl, holder }: { ticketsUrl?: string; holder?: string },
) => {
  const data = JSON.parse(row.data) as ChangeData;
  const booking =
    data.booking && holder
      ? { ...data.booking, attendee: { ...data.booking.attendee, name: holder } }
      : data.booking;
  return {
    id: row.id,
    type: row.type,
    occurredAt: row.occurred_at,
    eventId,
    ...(row.booking_id ? { bookingId: row.booking_id } : {}),
    ...(row.attendee_id ? { attendeeId: row.attendee_id } : {}),
    data: { ...data, ...(booking ? { booking } : {}), ...(ticketsUrl ? { ticketsUrl } : {}) },
  } as DomainEvent;
};
