import { acceptSocket, sendToAll } from "../lib/sockets";
import type { Seats } from "./rules";

const TAG = "live";

/** Browsers watching an event's seat counts (`GET /api/events/{id}/live`), over hibernating sockets. */
export class LiveViewers {
  constructor(private readonly ctx: DurableObjectState) {}

  /** Accepts a viewer and sends it the counts at once. */
  welcome(seats: Seats): Response {
    const { server, response } = acceptSocket(this.ctx, { tags: [TAG] });
    server.send(JSON.stringify(seats));
    return response;
  }

  /** Takes a function, so the counts are read only when someone watches. */
  broadcast(seats: () => Seats) {
    const sockets = this.ctx.getWebSockets(TAG);
    if (sockets.length === 0) return;
    sendToAll(sockets, JSON.stringify(seats()));
  }

  closeAll(reason: string) {
    for (const socket of this.ctx.getWebSockets(TAG)) socket.close(1000, reason);
  }
}
