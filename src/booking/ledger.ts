import { DurableObject } from "cloudflare:workers";
import { log } from "../lib/logger";
import { problem } from "../lib/problem";
import { deleteEventStatements, expireKeysStatement, loadEventStatement } from "./d1-copy";
import {
  expireAnswers,
  oldestAnswerExpiry,
  previousAnswer,
  rememberAnswer,
  settleAllAnswers,
  settleAnswer,
} from "./ledger-idempotency";
import { LEDGER_SCHEMA, type LedgerBookingRow, type LedgerEventRow } from "./ledger-schema";
import { LedgerStore, refusal } from "./ledger-store";
import { OutboxRelay } from "./outbox-relay";
import type {
  BookingView,
  BookRequest,
  CancellationView,
  EventChanges,
  LedgerReply,
} from "./types";

const RETRY_MS = 2_000;
/** A change not yet published when this elapses is published by the alarm instead. */
const BACKSTOP_MS = 5_000;
const LIVE = "live";

/**
 * The ledger of one event. Every change to the event's bookings is decided here, in
 * one synchronous SQLite transaction with no await inside, so concurrent requests
 * can never both take the last seat. D1 receives a copy before each call answers;
 * the notification queue receives the change right after.
 */
export class EventLedger extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly store: LedgerStore;
  private readonly relay: OutboxRelay;
  private closing = false;
  private alarmAt: number | null | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.store = new LedgerStore(this.sql);
    this.relay = new OutboxRelay(this.sql, this.store, env, (orphans) =>
      this.releaseOrphans(orphans),
    );
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.blockConcurrencyWhile(async () => {
      this.sql.exec(LEDGER_SCHEMA);
      settleAllAnswers(this.sql);
      // Changes decided before a restart but not yet copied or published go out now.
      if (this.relay.hasPendingWork()) await this.ensureAlarmBy(Date.now());
    });
  }

  /** Loads the event when it is created, so its reminder is scheduled from the start. */
  async prepare(eventId: string): Promise<boolean> {
    return this.open(eventId);
  }

  async book(request: BookRequest): Promise<LedgerReply<BookingView>> {
    if (!(await this.open(request.eventId))) return this.eventNotFound();
    const { scope, idempotency } = request;
    const reply = this.store.decide(this.ctx.storage, () => {
      const previous =
        idempotency && previousAnswer(this.sql, scope, idempotency.key, idempotency.requestHash);
      if (previous) return previous;
      const answer = this.store.placeBooking(request);
      if (idempotency) rememberAnswer(this.sql, scope, idempotency, answer);
      return answer;
    });
    if (reply.replayed) return reply;
    if (reply.ok) await this.afterChange();
    if (idempotency) settleAnswer(this.sql, scope, idempotency.key);
    return reply;
  }

  async cancel(eventId: string, bookingId: string): Promise<LedgerReply<CancellationView>> {
    if (!(await this.open(eventId))) return this.eventNotFound();
    const reply = this.store.decide(this.ctx.storage, () => this.store.cancelBooking(bookingId));
    if (reply.ok) await this.afterChange();
    return reply;
  }

  /** Cancels the attendee's active booking, if any, promoting from the waitlist. */
  async releaseAttendee(eventId: string, attendeeId: string): Promise<number> {
    if (!(await this.open(eventId))) return 0;
    const released = this.store.decide(this.ctx.storage, () => {
      const row = this.store.activeBookingOf(attendeeId);
      return row ? this.store.cancelBooking(row.id).ok : false;
    });
    if (released) await this.afterChange();
    return released ? 1 : 0;
  }

  async updateEvent(eventId: string, changes: EventChanges): Promise<LedgerReply<LedgerEventRow>> {
    if (!(await this.open(eventId))) return this.eventNotFound();
    const reply = this.store.decide(this.ctx.storage, () => this.store.applyChanges(changes));
    if (!reply.ok) return reply;
    await this.afterChange();
    await this.scheduleNext();
    return reply;
  }

  /** Removes the event from D1 (its bookings cascade), then the whole ledger. */
  async deleteEvent(eventId: string): Promise<void> {
    this.closing = true;
    try {
      await this.env.DB.batch(deleteEventStatements(this.env.DB, eventId));
      for (const socket of this.ctx.getWebSockets(LIVE)) socket.close(1000, "Event deleted");
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      this.alarmAt = null;
      this.store.forget();
      this.relay.forget();
      this.sql.exec(LEDGER_SCHEMA);
    } finally {
      this.closing = false;
    }
  }

  /** `GET /api/events/{id}/live`: seat counts on connect and after every change. */
  override async fetch(request: Request): Promise<Response> {
    const eventId = request.headers.get("X-Event-Id") ?? "";
    if (!(await this.open(eventId))) {
      return problem("event_not_found", "No event has this id.").toResponse();
    }
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [LIVE]);
    server.send(JSON.stringify(this.store.seats()));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketClose(socket: WebSocket, code: number) {
    socket.close(code === 1005 ? 1000 : code, "closing");
  }

  override async alarm(): Promise<void> {
    this.alarmAt = null;
    const now = Date.now();
    expireAnswers(this.sql, now);
    if (this.store.decide(this.ctx.storage, () => this.store.remindIfDue(now))) {
      this.broadcastSeats();
    }
    try {
      await this.relay.syncToD1();
      await this.relay.publish();
      const eventId = this.store.event()?.id;
      if (eventId)
        await expireKeysStatement(this.env.DB, eventId, new Date(now - 86_400_000)).run();
      this.relay.prune(now);
    } catch (error) {
      this.logFailure("ledger outbox relay failed; will retry", error);
    }
    await this.scheduleNext();
  }

  /** Loads the event from D1 the first time this object serves it. */
  private async open(eventId: string): Promise<boolean> {
    if (this.closing) return false;
    if (this.store.event()) return true;
    await this.ctx.blockConcurrencyWhile(async () => {
      if (this.store.event()) return;
      const row = await loadEventStatement(this.env.DB, eventId).first<LedgerEventRow>();
      if (!row) return;
      this.store.adopt(row);
      await this.scheduleNext();
    });
    return !this.closing && this.store.event() !== null;
  }

  private eventNotFound() {
    return refusal("event_not_found", "No event has this id.");
  }

  /**
   * A decision stands even when D1 is down: the caller gets its answer from the
   * ledger, and the alarm keeps replaying the outbox until D1 has every change.
   */
  private async afterChange() {
    this.broadcastSeats();
    try {
      await this.relay.syncToD1();
      this.relay
        .publish()
        .catch((error) => this.logFailure("publishing to the queue failed", error));
    } catch (error) {
      this.logFailure("ledger copy to D1 failed; will retry", error);
    }
    await this.ensureAlarmBy(Date.now() + BACKSTOP_MS);
  }

  private broadcastSeats() {
    const sockets = this.ctx.getWebSockets(LIVE);
    if (sockets.length === 0) return;
    const frame = JSON.stringify(this.store.seats());
    for (const socket of sockets) {
      try {
        socket.send(frame);
      } catch {
        // A socket closing under us gets its close event; nothing to do here.
      }
    }
  }

  /**
   * A booking D1 refused because its attendee was deleted meanwhile must not keep a
   * seat: it is cancelled here, and the freed seat goes to the waitlist.
   */
  private releaseOrphans(orphans: LedgerBookingRow[]) {
    this.store.decide(this.ctx.storage, () => {
      for (const orphan of orphans) {
        if (this.store.activeBookingOf(orphan.attendee_id)?.id === orphan.id) {
          this.store.cancelBooking(orphan.id);
        }
      }
    });
    log(this.env, "warn", "released bookings of deleted attendees", {
      bookingIds: orphans.map((b) => b.id),
    });
    this.broadcastSeats();
    void this.ensureAlarmBy(Date.now());
  }

  /** One alarm serves everything: pending copies, the reminder, and key expiry. */
  private async scheduleNext() {
    const event = this.store.event();
    const candidates = [
      this.relay.hasPendingWork() ? Date.now() + RETRY_MS : null,
      event && !event.reminder_sent ? event.reminder_at : null,
      oldestAnswerExpiry(this.sql),
    ].filter((at): at is number => at !== null);
    if (candidates.length === 0) {
      await this.ctx.storage.deleteAlarm();
      this.alarmAt = null;
      return;
    }
    this.alarmAt = Math.min(...candidates);
    await this.ctx.storage.setAlarm(this.alarmAt);
  }

  private async ensureAlarmBy(at: number) {
    if (typeof this.alarmAt === "number" && this.alarmAt <= at) return;
    const current = await this.ctx.storage.getAlarm();
    if (current !== null && current <= at) {
      this.alarmAt = current;
      return;
    }
    await this.ctx.storage.setAlarm(at);
    this.alarmAt = at;
  }

  private logFailure(msg: string, error: unknown) {
    log(this.env, "error", msg, {
      eventId: this.store.event()?.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
