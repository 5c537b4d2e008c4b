import { DurableObject } from "cloudflare:workers";
import type { Booking, Cancellation } from "../contracts/booking";
import type {
  PromoCode,
  PromoCodeInput,
  TicketType,
  TicketTypeChanges,
} from "../contracts/catalog";
import type { BookRequest, EventChanges, LedgerReply } from "../contracts/ledger";
import { refusal } from "../contracts/ledger";
import type { TicketTypeRecord } from "../domain/catalog";
import { errorText, log } from "../lib/logger";
import { problem } from "../lib/problem";
import { answerPingsWhileHibernating, completeClose } from "../lib/sockets";
import { nowIso } from "../lib/time";
import type { PaymentSettlement } from "../payments/provider";
import type { LedgerScan, ScanAnswer } from "../tickets/ledger-tickets";
import { AlarmClock, RelayBackoff } from "./alarm";
import type { LedgerCatalog } from "./catalog";
import { Checkouts } from "./checkouts";
import { deleteEventStatements, loadEventStatement } from "./d1-copy";
import { CLOSING_SLICE, LedgerDecisions } from "./decisions";
import {
  answerOnce,
  forgetAnswer,
  oldestAnswerExpiry,
  settleAllAnswers,
  settleAnswer,
} from "./idempotency";
import { LiveViewers } from "./live-viewers";
import { migrateLedger } from "./migrations";
import { Outbox } from "./outbox";
import { PaymentDecisions, type RefundOutcome, type SettleReply } from "./payment-decisions";
import {
  type AdoptedEvent,
  type LedgerBookingRow,
  type LedgerEventRow,
  UNCHECKED_NAME,
} from "./rows";
import { sweep } from "./sweep";
import { LedgerTables } from "./tables";

const eventNotFound = () => refusal("event_not_found", "No event has this id.");

/** A change not yet published when this elapses is published by the alarm instead. */
const BACKSTOP_MS = 5_000;
/** Set once a deleted event's rows are gone from D1. */
const D1_DELETED_KEY = "d1_deleted";

/**
 * The ledger of one event. Every change to the event's bookings is decided here, in
 * one synchronous SQLite transaction with no await inside, so concurrent requests
 * can never both take the last seat. D1 receives a copy before each call answers;
 * the notification queue receives the change right after.
 */
export class EventLedger extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly tables: LedgerTables;
  private readonly outbox: Outbox;
  private readonly decisions: LedgerDecisions;
  private readonly alarmClock: AlarmClock;
  private readonly backoff: RelayBackoff;
  private readonly viewers: LiveViewers;
  private readonly payments: PaymentDecisions;
  private readonly checkouts: Checkouts;
  private closing = false;
  /** Bookings released because D1 refused their copy, until their `book` call answers. */
  private readonly orphaned = new Set<string>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.tables = new LedgerTables(ctx.storage);
    this.outbox = new Outbox(this.sql, this.tables, env, (orphans) => this.releaseOrphans(orphans));
    this.decisions = new LedgerDecisions(this.tables, this.outbox);
    this.alarmClock = new AlarmClock(ctx.storage);
    this.backoff = new RelayBackoff(ctx.storage);
    this.viewers = new LiveViewers(ctx, env);
    this.payments = new PaymentDecisions(this.sql, this.tables, this.decisions.moves);
    this.checkouts = new Checkouts(env, this.tables, this.payments, () => this.afterChange());
    answerPingsWhileHibernating(ctx);
    ctx.blockConcurrencyWhile(async () => {
      migrateLedger(ctx.storage);
      settleAllAnswers(this.sql);
      // Changes decided before a restart but not yet copied or published go out now.
      if (this.outbox.hasPendingWork()) await this.alarmClock.ensureBy(Date.now());
    });
  }

  /** Adopts the new event, scheduling its reminder and sales opening; tells followers once. */
  async adoptEvent(eventId: string, announce = false): Promise<boolean> {
    if (!(await this.open(eventId))) return false;
    const { announcements } = this.decisions;
    if (this.tables.transaction(() => announcements.announcePublished(announce))) {
      await this.afterChange();
    }
    return true;
  }

  async book(request: BookRequest): Promise<LedgerReply<Booking>> {
    if (!(await this.open(request.eventId))) return eventNotFound();
    const unpayable = this.checkouts.unpayable();
    if (unpayable) return unpayable;
    const place = () => this.decisions.placeBooking(request);
    const decided = await this.decide(() => answerOnce(this.sql, request, place));
    const refused = this.refusedByCopy(decided);
    if (!refused && !this.checkedByCopy(request, decided)) {
      forgetAnswer(this.sql, request);
      return refusal("overloaded", "The booking could not be recorded; retry shortly.");
    }
    const reply = refused ?? this.named(await this.checkouts.withLink(decided));
    settleAnswer(this.sql, request, reply);
    return reply;
  }

  /**
   * A caller the route checked by its token's signature alone is checked by the D1 copy,
   * which names the booking's attendee once it landed (or refuses it: `refusedByCopy`).
   * When the copy did not land (D1 failing), nobody can say the attendee still exists:
   * the booking is let go of at once, so no seat stays with an unchecked caller, and
   * the caller is asked to retry.
   */
  private checkedByCopy(request: BookRequest, decided: LedgerReply<Booking>): boolean {
    if (request.attendeeName !== null || !decided.ok || decided.replayed) return true;
    const row = this.tables.booking(decided.body.id);
    if (row?.attendee_name !== UNCHECKED_NAME) return true;
    this.tables.transaction(() => this.decisions.releaseOrphans([row]));
    this.broadcastSeats();
    this.alarmClock
      .ensureBy(Date.now())
      .catch((error) => this.logFailure("scheduling the release's copy failed", error));
    return false;
  }

  /** The booking answered carries the name the ledger holds now, the one D1's copy brought. */
  private named(reply: LedgerReply<Booking>): LedgerReply<Booking> {
    if (!reply.ok || reply.replayed) return reply;
    const name = this.tables.booking(reply.body.id)?.attendee_name;
    if (name === undefined || name === reply.body.attendee.name) return reply;
    return { ...reply, body: { ...reply.body, attendee: { ...reply.body.attendee, name } } };
  }

  /**
   * A booking whose D1 copy was refused before the answer (its attendee left meanwhile)
   * was released at once; its caller is answered as the account it no longer has.
   */
  private refusedByCopy(decided: LedgerReply<Booking>): LedgerReply<Booking> | null {
    if (!decided.ok || decided.replayed || !this.orphaned.delete(decided.body.id)) return null;
    return refusal("unauthorized", "The account behind this token no longer exists.");
  }

  /**
   * A provider's report on a checkout: the payment and the seat it buys are decided
   * together. A deleted event's ledger still decides, until it is wound down: a payment
   * that arrives then has no seat, and is refunded like any other.
   */
  async settlePayment(eventId: string, report: PaymentSettlement): Promise<SettleReply> {
    if (!(await this.holds(eventId))) return { known: false };
    const reply = await this.decide(() => this.payments.settle(report, Date.now()));
    if (this.tables.event()?.deleting_at) await this.alarmClock.ensureBy(Date.now());
    return reply;
  }

  /** The refund workflow's report; answers whether this ledger knows the booking. */
  async settleRefund(eventId: string, bookingId: string, outcome: RefundOutcome): Promise<boolean> {
    if (!(await this.holds(eventId))) return false;
    const known = await this.decide(() => this.payments.settleRefund(bookingId, outcome));
    if (this.tables.event()?.deleting_at) await this.alarmClock.ensureBy(Date.now());
    return known;
  }

  async cancel(eventId: string, bookingId: string): Promise<LedgerReply<Cancellation>> {
    if (!(await this.open(eventId))) return eventNotFound();
    return this.decide(() => this.decisions.cancelBooking(bookingId));
  }

  /** `POST /api/bookings/{id}/confirm`: a live hold becomes a confirmed booking. */
  async confirm(eventId: string, bookingId: string): Promise<LedgerReply<Booking>> {
    if (!(await this.open(eventId))) return eventNotFound();
    return this.decide(() => this.decisions.confirmBooking(bookingId));
  }

  /**
   * Scans at the door, one or a batch, decided in one transaction: each ticket is checked
   * in once, whatever number of scanners send it at once, and each check-in reaches D1
   * before the answer.
   */
  async checkIn(eventId: string, scans: LedgerScan[]): Promise<LedgerReply<ScanAnswer[]>> {
    if (!(await this.open(eventId))) return eventNotFound();
    return this.decide(() => {
      const { moves } = this.decisions;
      const { answers, changed } = this.tables.tickets.scan(scans, {
        eventId,
        now: nowIso(),
        holderOf: (bookingId) => this.tables.booking(bookingId)?.attendee_name ?? "",
      });
      for (const { type, ticket } of changed) {
        moves.announce(type, this.tables.booking(ticket.bookingId), { ticket });
      }
      return { ok: true, status: 200, body: answers };
    });
  }

  /** Every ticket type, hidden ones included: the caller decides who sees which. */
  async ticketTypes(eventId: string): Promise<LedgerReply<TicketType[]>> {
    if (!(await this.open(eventId))) return eventNotFound();
    return { ok: true, status: 200, body: this.decisions.catalog.present() };
  }

  /** The types a live code of this event unlocks; null when the code unlocks nothing. */
  async unlockedTypes(eventId: string, code: string): Promise<string[] | null> {
    if (!(await this.open(eventId))) return null;
    return this.decisions.catalog.unlocked(code);
  }

  async createTicketType(
    eventId: string,
    input: TicketTypeChanges & { name: string; price: number },
  ): Promise<LedgerReply<TicketType>> {
    return this.changeTypes(eventId, (catalog) => catalog.createType(input));
  }

  async updateTicketType(
    eventId: string,
    typeId: string,
    changes: TicketTypeChanges,
  ): Promise<LedgerReply<TicketType>> {
    return this.changeTypes(eventId, (catalog) => catalog.updateType(typeId, changes));
  }

  async deleteTicketType(eventId: string, typeId: string): Promise<LedgerReply<TicketType>> {
    return this.changeTypes(eventId, (catalog) => catalog.deleteType(typeId));
  }

  async promoCodes(eventId: string): Promise<LedgerReply<PromoCode[]>> {
    if (!(await this.open(eventId))) return eventNotFound();
    return { ok: true, status: 200, body: this.decisions.catalog.codes() };
  }

  async createPromoCode(eventId: string, input: PromoCodeInput): Promise<LedgerReply<PromoCode>> {
    return this.changeCodes(eventId, (catalog) => catalog.createCode(input));
  }

  async deletePromoCode(eventId: string, codeId: string): Promise<LedgerReply<PromoCode>> {
    return this.changeCodes(eventId, (catalog) => catalog.deleteCode(codeId));
  }

  /** Cancels the attendee's active booking, if any, promoting from the waitlist. */
  async releaseAttendee(eventId: string, attendeeId: string): Promise<number> {
    if (!(await this.open(eventId))) return 0;
    const released = await this.decide(() => this.decisions.releaseAttendee(attendeeId));
    return released ? 1 : 0;
  }

  /** Answers the event with its ticket types: a price edit is an edit of the first type. */
  async updateEvent(
    eventId: string,
    changes: EventChanges,
  ): Promise<LedgerReply<LedgerEventRow & { types: TicketTypeRecord[] }>> {
    if (!(await this.open(eventId))) return eventNotFound();
    const reply = await this.decide(() => this.decisions.applyChanges(changes));
    if (!reply.ok) return reply;
    await this.scheduleNext();
    return { ...reply, body: { ...reply.body, types: this.tables.catalog.types() } };
  }

  /**
   * Deletes the event, as a process that survives restarts and any number of bookings:
   * the ledger marks itself deleting (from then on it answers only payment reports),
   * removes the event from D1 (its bookings cascade), and answers. The alarm then lets
   * go of the bookings a slice at a time, each refund and notice recorded with its
   * booking's release, and wipes the ledger once its outbox is empty and every refund
   * is settled. A second call, or a retry after a failure, continues where it stopped.
   */
  async deleteEvent(eventId: string): Promise<void> {
    if (!(await this.holds(eventId))) return;
    if (!this.tables.event()?.deleting_at) {
      // The first slice goes with the mark: most events are let go of before the answer.
      this.tables.transaction(() => {
        this.tables.markDeleting(Date.now());
        this.decisions.closeBookings(CLOSING_SLICE);
      });
      this.viewers.closeAll("Event deleted");
    }
    await this.alarmClock.ensureBy(Date.now());
    await this.deleteFromD1(eventId);
  }

  /** `GET /api/events/{id}/live`: seat counts on connect and after every change. */
  override async fetch(request: Request): Promise<Response> {
    const eventId = request.headers.get("X-Event-Id") ?? "";
    if (!(await this.open(eventId))) {
      return problem("event_not_found", "No event has this id.").toResponse();
    }
    return this.viewers.welcome(this.decisions.seats());
  }

  /** Viewers only listen: whatever they send is dropped without touching the ledger. */
  override async webSocketMessage() {}

  override async webSocketClose(socket: WebSocket, code: number) {
    completeClose(socket, code);
  }

  override async alarm(): Promise<void> {
    this.alarmClock.fired();
    const now = Date.now();
    if (this.tables.event()?.deleting_at) return this.windDown();
    if (this.tables.transaction(() => this.decisions.onAlarm(now))) this.broadcastSeats();
    try {
      await this.outbox.syncToD1();
      await this.outbox.publish();
      await sweep(this.env, this.sql, this.tables.event()?.id, now, [
        this.outbox,
        this.payments,
        this.tables.passes,
      ]);
      await this.checkouts.openAll();
      this.backoff.succeeded();
    } catch (error) {
      this.backoff.failed();
      this.logFailure("ledger outbox relay failed; will retry", error);
    }
    await this.scheduleNext();
  }

  /** One step of a deleted event's winding down; the next alarm takes the next. */
  private async windDown() {
    const eventId = this.tables.currentEvent().id;
    try {
      const more = this.tables.transaction(() => this.decisions.closeBookings(CLOSING_SLICE));
      await this.deleteFromD1(eventId);
      await this.outbox.syncToD1();
      await this.outbox.publish();
      this.backoff.succeeded();
      if (more || this.outbox.hasPendingWork()) {
        await this.alarmClock.setForEarliest([Date.now()]);
      } else if (this.tables.refundsPending() === 0) {
        await this.wipe();
      } else {
        // Each refund's workflow reports back, and the last report wipes the ledger.
        await this.alarmClock.clear();
      }
    } catch (error) {
      this.backoff.failed();
      this.logFailure("winding down a deleted event failed; will retry", error);
      await this.alarmClock.setForEarliest([Date.now() + this.backoff.delay()]);
    }
  }

  private async deleteFromD1(eventId: string) {
    if (this.ctx.storage.kv.get<boolean>(D1_DELETED_KEY)) return;
    await this.env.DB.batch(deleteEventStatements(this.env.DB, eventId));
    this.ctx.storage.kv.put(D1_DELETED_KEY, true);
  }

  /** Forgets the event: a later call finds it in D1 no more, and answers as for any unknown event. */
  private async wipe() {
    this.closing = true;
    try {
      await this.alarmClock.clear();
      await this.ctx.storage.deleteAll();
      this.tables.dropCachedEvent();
      this.outbox.resetPositions();
      migrateLedger(this.ctx.storage);
    } finally {
      this.closing = false;
    }
  }

  /** Whether this object holds the event, deleting or not; loads it from D1 the first time. */
  private async holds(eventId: string): Promise<boolean> {
    if (this.tables.event()) return true;
    return this.open(eventId);
  }

  /** Loads the event from D1 the first time this object serves it; a deleted event is gone. */
  private async open(eventId: string): Promise<boolean> {
    if (this.closing) return false;
    const event = this.tables.event();
    if (event) return event.deleting_at === null;
    await this.ctx.blockConcurrencyWhile(async () => {
      if (this.tables.event()) return;
      const row = await loadEventStatement(this.env.DB, eventId).first<
        AdoptedEvent & { ticket_types: string | null }
      >();
      if (!row) return;
      const { ticket_types, ...event } = row;
      const types = ticket_types ? (JSON.parse(ticket_types) as TicketTypeRecord[]) : null;
      this.tables.transaction(() => this.decisions.adopt(event, types));
      await this.scheduleNext();
    });
    return !this.closing && this.tables.event()?.deleting_at === null;
  }

  /**
   * One decision, one transaction; what it changed (expired holds too) reaches D1 first.
   * It stands even when D1 is down: the alarm replays the outbox until D1 has every change.
   */
  private async decide<T>(decision: () => T): Promise<T> {
    const before = this.decisions.announced;
    const result = this.tables.transaction(decision);
    if (this.decisions.announced !== before) await this.afterChange();
    return result;
  }

  private async afterChange() {
    this.broadcastSeats();
    // Each failure is logged where it happens; the alarm retries it with back-off.
    if (this.checkouts.hasWork()) this.checkouts.openAll().catch(() => {});
    try {
      await this.outbox.syncToD1();
      this.outbox
        .publish()
        .catch((error) => this.logFailure("publishing to the queue failed", error));
    } catch (error) {
      this.logFailure("ledger copy to D1 failed; will retry", error);
    }
    await this.alarmClock.ensureBy(Date.now() + BACKSTOP_MS);
  }

  private broadcastSeats() {
    this.viewers.broadcast(() => (this.tables.event() ? this.decisions.seats() : null));
  }

  /**
   * A booking D1 refused because its attendee was deleted meanwhile must not keep a
   * seat: it is cancelled here, and the freed seat goes to the waitlist.
   */
  private releaseOrphans(orphans: LedgerBookingRow[]) {
    this.tables.transaction(() => this.decisions.releaseOrphans(orphans));
    // Answered by `book` when its call is still waiting for the copy; kept small otherwise.
    if (this.orphaned.size > 1_000) this.orphaned.clear();
    for (const orphan of orphans) this.orphaned.add(orphan.id);
    log(this.env, "warn", "released bookings of deleted attendees", {
      bookingIds: orphans.map((b) => b.id),
    });
    this.broadcastSeats();
    this.alarmClock
      .ensureBy(Date.now())
      .catch((error) => this.logFailure("scheduling the release's copy failed", error));
  }

  /**
   * An organizer's change to the types, decided with the seats (a raised quota promotes
   * whoever waited for it); what it changed reaches D1 before the answer.
   */
  private async changeTypes<T>(
    eventId: string,
    change: (catalog: LedgerCatalog) => LedgerReply<T>,
  ): Promise<LedgerReply<T>> {
    if (!(await this.open(eventId))) return eventNotFound();
    return this.decide(() => {
      const reply = change(this.decisions.catalog);
      if (!reply.ok) return reply;
      this.decisions.moves.announce("event.edited", null);
      this.decisions.moves.promoteWaitlisted();
      return reply;
    });
  }

  /** Codes live in the ledger alone: changing one frees no seat and needs no copy. */
  private async changeCodes<T>(
    eventId: string,
    change: (catalog: LedgerCatalog) => LedgerReply<T>,
  ): Promise<LedgerReply<T>> {
    if (!(await this.open(eventId))) return eventNotFound();
    return this.decide(() => change(this.decisions.catalog));
  }

  /** One alarm serves everything: pending copies, holds, announcements, and key expiry. */
  private async scheduleNext() {
    await this.alarmClock.setForEarliest([
      this.outbox.hasPendingWork() || this.checkouts.hasWork()
        ? Date.now() + this.backoff.delay()
        : null,
      this.decisions.announcements.nextAt(Date.now()),
      oldestAnswerExpiry(this.sql),
      this.tables.nextExpiry(),
    ]);
  }

  private logFailure(msg: string, error: unknown) {
    log(this.env, "error", msg, { eventId: this.tables.event()?.id, error: errorText(error) });
  }
}
