/**
 * The WebSocket plumbing both Durable Objects share: hibernatable server ends,
 * pings answered without waking the object, frames fanned out, closes completed.
 */
export const answerPingsWhileHibernating = (ctx: DurableObjectState) =>
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));

/** Accepts the server end with the hibernation API; the 101 answer carries the client end. */
export const acceptSocket = (
  ctx: DurableObjectState,
  options: { tags?: string[]; headers?: HeadersInit } = {},
) => {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  ctx.acceptWebSocket(server, options.tags);
  const response = new Response(null, { status: 101, webSocket: client, headers: options.headers });
  return { server, response };
};

/** Sends one frame to every socket; returns how many took it. */
export const sendToAll = (sockets: readonly WebSocket[], frame: string): number => {
  let reached = 0;
  for (const socket of sockets) {
    try {
      socket.send(frame);
      reached++;
    } catch {
      // A socket closing under us gets its close event; it drops out of the list then.
    }
  }
  return reached;
};

/** Completes the close handshake the client started (1005, "no code", is answered as 1000). */
export const completeClose = (socket: WebSocket, code: number) =>
  socket.close(code === 1005 ? 1000 : code, "closing");
