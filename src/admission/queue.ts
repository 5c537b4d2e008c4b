import { DurableObject } from "cloudflare:workers";
import { admissionBudget, estimatedWaitSeconds, PASS_LIFETIME_MS } from "../domain/admission";
import { newId } from "../lib/ids";
import {
  acceptSocket,
  answerPingsWhileHibernating,
  completeClose,
  sendToAll,
} from "../lib/sockets";
import { type EntryRow, QueueEntries, type QueueSettings, type Settings } from "./entries";
import { signPass } from "./pass";

/** An entry as its attendee sees it: `used` shows as `admitted`, the pass spent. */
export interface QueueEntry {
  id: string;
  eventId: string;
  attendeeId: string;
  status: "waiting" | "admitted" | "expired";
  position: number | null;
  estimatedWaitSeconds: number | null;
  pass: string | null;
  passExpiresAt: string | null;
  joinedAt: string;
}

export interface QueueSummary {
  waiting: number;
  admitted: number;
  admitPerMinute: number;
}

/** The admission loop runs this often while anyone waits with a rank. */
export const TICK_MS = 1_000;
/** Waiting followers hear their position this often at most; an admission is sent at once. */
const PROGRESS_EVERY_MS = 5_000;
/** Position frames the queue sends per second at most, shared by all its followers. */
const PROGRESS_FRAMES_PER_SECOND = 1_000;

/** 5 s between position frames for up to 5,000 followers, longer beyond (20,000: every 20 s). */
export const progressInterval = (followers: number) =>
  Math.max(PROGRESS_EVERY_MS, Math.ceil((followers * 1000) / PROGRESS_FRAMES_PER_SECOND));
const iso = (ms: number) => new Date(ms).toISOString();
/** A pass's expiry, on a whole second: JWT counts seconds. */
const passExpiry = (now: number) => Math.ceil((now + PASS_LIFETIME_MS) / 1000) * 1000;

/**
 * One event's admission queue, apart from its ledger: joining, polling and following
 * cost the ledger nothing, and passes reach it no faster than `admitPerMinute`.
 * Every decision is synchronous SQLite in one transaction; the alarm admits the next
 * in line each second while anyone waits.
 */
export class AdmissionQueue extends DurableObject<Env> {
  private readonly entries: QueueEntries;
  private lastProgressAt = 0;
  /** The alarm this instance set, so a join does not set the same one again; undefined: unknown. */
  private alarmAt: number | null | undefined;
  /** The time every decision is made at; tests drive it to check the rate. */
  clock: () => number = Date.now;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.entries = new QueueEntries(ctx.storage);
    answerPingsWhileHibernating(ctx);
  }

  /** Joins the attendee, or answers the entry they hold (waiting, or a pass still good). */
  async join(
    settings: QueueSettings,
    attendeeId: string,
  ): Promise<{ created: boolean; entry: QueueEntry }> {
    const now = this.clock();
    this.entries.make();
    const { created, row, admitted } = this.entries.transaction(() => {
      this.entries.configure(settings);
      const open = this.settle(now);
      const held = this.entries.latestOf(attendeeId);
      const holds = held !== null && (held.status === "waiting" || held.status === "admitted");
      const mine = holds ? held : this.entries.insert(newId(), attendeeId, now);
      // An open queue with room admits at once: the joiner's answer carries the pass.
      const admitted = open ? this.admitDue(open, now) : [];
      return { created: !holds, row: admitted.find((r) => r.id === mine.id) ?? mine, admitted };
    });
    await this.schedule(now);
    await this.tell(admitted, now);
    return { created, entry: await this.present(row, now) };
  }

  /** The attendee's entry; null when it is not theirs, so nobody learns another's. */
  async entry(entryId: string, attendeeId: string): Promise<QueueEntry | null> {
    const row = this.entries.entry(entryId);
    if (!row || row.attendee_id !== attendeeId) return null;
    return this.present(row, this.clock());
  }

  async summary(): Promise<QueueSummary | null> {
    const settings = this.entries.settings();
    if (!settings) return null;
    return { ...this.entries.counts(), admitPerMinute: settings.admitPerMinute };
  }

  /** The event changed (rate, sale start, the queue on or off). */
  async configure(settings: QueueSettings): Promise<void> {
    const now = this.clock();
    this.entries.make();
    const admitted = this.entries.transaction(() => {
      this.entries.configure(settings);
      return this.advance(now);
    });
    await this.schedule(now);
    await this.tell(admitted, now);
  }

  /** A booking used the entry's pass: the slot it held goes to the next in line. */
  async passUsed(entryId: string): Promise<void> {
    const now = this.clock();
    const admitted = this.entries.transaction(() =>
      this.entries.markUsed(entryId) ? this.advance(now) : [],
    );
    await this.schedule(now);
    await this.tell(admitted, now);
  }

  override async alarm(): Promise<void> {
    this.alarmAt = undefined;
    const now = this.clock();
    const admitted = this.entries.transaction(() => this.advance(now));
    await this.schedule(now);
    await this.tell(admitted, now);
  }

  /**
   * Everything the time allows, in order: the draw once sales open, expired passes
   * given back, then as many passes as the rate leaves room for. Answers who was admitted.
   */
  private advance(now: number): EntryRow[] {
    const open = this.settle(now);
    return open ? this.admitDue(open, now) : [];
  }

  /** The draw once sales open, and expired passes given back; null while nobody may be admitted. */
  private settle(now: number): Settings | null {
    const settings = this.entries.settings();
    if (!settings?.queueEnabled) return null;
    if (!settings.drawn) {
      if (!isOpen(settings, now)) return null;
      this.entries.draw();
    }
    this.entries.expire(now);
    return settings;
  }

  /** As many passes as the rate leaves room for, in rank order. */
  private admitDue(settings: Settings, now: number): EntryRow[] {
    const budget = admissionBudget(settings.admitPerMinute, this.entries.recent(now));
    return this.entries.admit(budget, now, passExpiry(now));
  }

  /** The next tick: at sale open for a pre-queue, each second while anyone ranked waits. */
  private async schedule(now: number) {
    const settings = this.entries.settings();
    let at: number | null = null;
    if (settings?.queueEnabled) {
      if (!settings.drawn) at = settings.salesStartAt;
      else if (this.entries.rankedWaiting() > 0) at = now + TICK_MS;
    }
    // An alarm this instance set that fires no later is kept: each join need not set one.
    const pending = this.alarmAt;
    if (at === pending || (at !== null && typeof pending === "number" && pending <= at)) return;
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at);
    this.alarmAt = at;
  }

  private async present(row: EntryRow, now: number): Promise<QueueEntry> {
    const settings = this.entries.settings() as Settings;
    const expired =
      row.status === "expired" || (row.status === "admitted" && (row.pass_expires_at ?? 0) <= now);
    const position =
      row.status === "waiting" && row.rank !== null ? row.rank - settings.admittedThrough : null;
    const holdsPass = (row.status === "admitted" || row.status === "used") && !expired;
    return {
      id: row.id,
      eventId: settings.eventId,
      attendeeId: row.attendee_id,
      status: expired ? "expired" : row.status === "waiting" ? "waiting" : "admitted",
      position,
      estimatedWaitSeconds:
        position === null ? null : estimatedWaitSeconds(position, settings.admitPerMinute),
      pass:
        holdsPass && row.pass_expires_at !== null
          ? await signPass(this.env, {
              entryId: row.id,
              eventId: settings.eventId,
              attendeeId: row.attendee_id,
              expiresAt: row.pass_expires_at,
            })
          : null,
      passExpiresAt: row.pass_expires_at === null ? null : iso(row.pass_expires_at),
      joinedAt: iso(row.joined_at),
    };
  }

  /**
   * Followers (`GET /api/events/{id}/queue/{entryId}/live`): the Worker has checked the
   * attendee; the entry must be theirs. They get their entry at once, when admitted, and
   * their position every few seconds while they wait.
   */
  override async fetch(request: Request): Promise<Response> {
    const entryId = request.headers.get("X-Entry-Id") ?? "";
    const attendeeId = request.headers.get("X-Attendee-Id") ?? "";
    const entry = await this.entry(entryId, attendeeId);
    if (!entry) return new Response(null, { status: 404 });
    const protocol = request.headers.get("X-Accepted-Protocol");
    const { server, response } = acceptSocket(this.ctx, {
      tags: [entryId],
      headers: protocol ? { "Sec-WebSocket-Protocol": protocol } : undefined,
    });
    server.send(JSON.stringify(entry));
    return response;
  }

  private async tell(admitted: readonly EntryRow[], now: number) {
    for (const row of admitted) {
      const sockets = this.ctx.getWebSockets(row.id);
      if (sockets.length > 0) sendToAll(sockets, JSON.stringify(await this.present(row, now)));
    }
    const followers = this.ctx.getWebSockets();
    if (now - this.lastProgressAt < progressInterval(followers.length)) return;
    this.lastProgressAt = now;
    for (const socket of followers) {
      const [entryId] = this.ctx.getTags(socket);
      const row = entryId ? this.entries.entry(entryId) : null;
      if (row?.status === "waiting")
        sendToAll([socket], JSON.stringify(await this.present(row, now)));
    }
  }

  override webSocketMessage() {
    // Followers only listen; pings are answered without waking the queue.
  }

  override webSocketClose(socket: WebSocket, code: number) {
    completeClose(socket, code);
  }
}

const isOpen = (settings: Settings, now: number) =>
  settings.salesStartAt === null || settings.salesStartAt <= now;
