import type { Seats } from "../domain/rules";
import { problem } from "../lib/problem";
import { acceptSocket, sendToAll } from "../lib/sockets";

const TAG = "live";
/** Sockets one event serves unless LIVE_VIEWERS_MAX says otherwise; more are refused before the upgrade. */
const MAX_VIEWERS = 1_000;
/** At most one frame per interval: a burst of bookings costs viewers one frame, not one each. */
export const FRAME_INTERVAL_MS = 250;
/** Socket frames one event sends per second at most, shared by all its viewers. */
export const FRAMES_PER_SECOND = 1_000;

/**
 * The interval between frames for this many viewers: 250 ms for up to 250 of them,
 * longer beyond, so a large audience never costs the ledger's thread more than
 * FRAMES_PER_SECOND sends (2,000 viewers get a frame every 2 s).
 */
export const frameInterval = (viewers: number) =>
  Math.max(FRAME_INTERVAL_MS, Math.ceil((viewers * 1000) / FRAMES_PER_SECOND));

/**
 * Browsers watching an event's seat counts (`GET /api/events/{id}/live`), over
 * hibernating sockets. They share the ledger's single thread with bookers, so what
 * they cost is bounded: a capped number of sockets, frames coalesced to the latest
 * counts, inbound frames ignored.
 */
export class LiveViewers {
  private lastFrameAt = 0;
  private pending: ReturnType<typeof setTimeout> | null = null;

  private readonly maxViewers: number;

  constructor(
    private readonly ctx: DurableObjectState,
    env: Env,
  ) {
    this.maxViewers = Number(env.LIVE_VIEWERS_MAX) || MAX_VIEWERS;
  }

  /** Accepts a viewer and sends it the counts at once, unless the event is at its cap. */
  welcome(seats: Seats): Response {
    if (this.ctx.getWebSockets(TAG).length >= this.maxViewers) {
      return problem(
        "overloaded",
        `This event already has ${this.maxViewers} live viewers; retry later or read GET /api/events/{id}.`,
        { headers: { "Retry-After": "30" } },
      ).toResponse();
    }
    const { server, response } = acceptSocket(this.ctx, { tags: [TAG] });
    server.send(JSON.stringify(seats));
    return response;
  }

  /**
   * Sends the counts now, or once the interval since the last frame has passed; the
   * counts are read when the frame leaves, so it carries the latest. Null: no event.
   */
  broadcast(seats: () => Seats | null) {
    if (this.pending) return;
    const interval = frameInterval(this.ctx.getWebSockets(TAG).length);
    const wait = this.lastFrameAt + interval - Date.now();
    if (wait <= 0) return this.send(seats);
    this.pending = setTimeout(() => {
      this.pending = null;
      this.send(seats);
    }, wait);
  }

  private send(seats: () => Seats | null) {
    this.lastFrameAt = Date.now();
    const sockets = this.ctx.getWebSockets(TAG);
    const counts = sockets.length > 0 ? seats() : null;
    if (counts) sendToAll(sockets, JSON.stringify(counts));
  }

  closeAll(reason: string) {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    for (const socket of this.ctx.getWebSockets(TAG)) socket.close(1000, reason);
  }
}
