import { DurableObject } from "cloudflare:workers";
import {
  acceptSocket,
  answerPingsWhileHibernating,
  completeClose,
  sendToAll,
} from "../lib/sockets";
import type { NotificationFrame } from "./hub-client";

/**
 * One per attendee: holds their live connections (several tabs or devices at once)
 * with the hibernation API, so idle sockets cost nothing, and fans each notification
 * out to all of them.
 */
export class AttendeeHub extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    answerPingsWhileHibernating(ctx);
  }

  /** The Worker authenticated the attendee before forwarding the upgrade here. */
  override async fetch(request: Request): Promise<Response> {
    const protocol = request.headers.get("X-Accepted-Protocol");
    const headers: HeadersInit = protocol ? { "Sec-WebSocket-Protocol": protocol } : {};
    return acceptSocket(this.ctx, { headers }).response;
  }

  /** Returns how many connections the frame reached. */
  async deliver(frame: NotificationFrame): Promise<number> {
    return sendToAll(this.ctx.getWebSockets(), JSON.stringify(frame));
  }

  override async webSocketClose(socket: WebSocket, code: number) {
    completeClose(socket, code);
  }
}
