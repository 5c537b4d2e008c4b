import { DurableObject } from "cloudflare:workers";
import {
  acceptSocket,
  answerPingsWhileHibernating,
  completeClose,
  sendToAll,
} from "../lib/sockets";
import type { NotificationFrame } from "./hub-client";

const LISTENING = `INSERT INTO notification_listeners (attendee_id, connections, version)
  SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM attendees WHERE id = ?1)
  ON CONFLICT (attendee_id) DO UPDATE SET connections = excluded.connections,
    version = excluded.version
  WHERE excluded.version > notification_listeners.version`;

/**
 * One per attendee: holds their live connections (several tabs or devices at once)
 * with the hibernation API, so idle sockets cost nothing, and fans each notification
 * out to all of them. It keeps D1's `notification_listeners` row in step with its
 * sockets, so delivery only calls hubs that have someone listening.
 */
export class AttendeeHub extends DurableObject<Env> {
  private writes = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    answerPingsWhileHibernating(ctx);
  }

  /** The Worker authenticated the attendee before forwarding the upgrade here. */
  override async fetch(request: Request): Promise<Response> {
    const attendeeId = request.headers.get("X-Attendee-Id") ?? "";
    const protocol = request.headers.get("X-Accepted-Protocol");
    const headers: HeadersInit = protocol ? { "Sec-WebSocket-Protocol": protocol } : {};
    const { response } = acceptSocket(this.ctx, { headers, tags: [attendeeId] });
    await this.announce(attendeeId, this.ctx.getWebSockets().length);
    return response;
  }

  /** Returns how many connections the frame reached; none left means nobody is listening. */
  async deliver(frame: NotificationFrame, attendeeId?: string): Promise<number> {
    const reached = sendToAll(this.ctx.getWebSockets(), JSON.stringify(frame));
    if (reached === 0 && attendeeId) await this.announce(attendeeId, 0);
    return reached;
  }

  override async webSocketClose(socket: WebSocket, code: number) {
    completeClose(socket, code);
    const attendeeId = this.ctx.getTags(socket)[0];
    const open = this.ctx.getWebSockets().filter((s) => s !== socket && s.readyState === 1);
    if (attendeeId) await this.announce(attendeeId, open.length);
  }

  private announce(attendeeId: string, connections: number) {
    const version = Date.now() * 1000 + (this.writes++ % 1000);
    return this.env.DB.prepare(LISTENING).bind(attendeeId, connections, version).run();
  }
}
