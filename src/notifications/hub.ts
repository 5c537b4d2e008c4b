import { DurableObject } from "cloudflare:workers";
import type { NotificationFrame } from "./hub-client";

/**
 * One per attendee: holds their live connections (several tabs or devices at once)
 * with the hibernation API, so idle sockets cost nothing, and fans each notification
 * out to all of them.
 */
export class AttendeeHub extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /** The Worker authenticated the attendee before forwarding the upgrade here. */
  override async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    const protocol = request.headers.get("X-Accepted-Protocol");
    return new Response(null, {
      status: 101,
      webSocket: client,
      headers: protocol ? { "Sec-WebSocket-Protocol": protocol } : {},
    });
  }

  /** Returns how many connections the frame reached. */
  async deliver(frame: NotificationFrame): Promise<number> {
    const text = JSON.stringify(frame);
    let reached = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(text);
        reached++;
      } catch {
        // Closing sockets drop out of getWebSockets() once their close event runs.
      }
    }
    return reached;
  }

  override async webSocketClose(socket: WebSocket, code: number) {
    socket.close(code === 1005 ? 1000 : code, "closing");
  }
}
