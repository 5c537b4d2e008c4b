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

/** Codes a peer may report but nobody may send: no status (1005), abnormal (1006), TLS failure (1015). */
const UNSENDABLE_CODES = new Set([1005, 1006, 1015]);

/**
 * Completes the close handshake the client started. An abrupt disconnect reports a
 * code that may not be echoed, and a socket already gone refuses any close: neither
 * may escape to the runtime.
 */
export const completeClose = (socket: WebSocket, code: number) => {
  try {
    socket.close(UNSENDABLE_CODES.has(code) ? 1000 : code, "closing");
  } catch {
    // The connection is already torn down; there is nothing left to answer.
  }
};
