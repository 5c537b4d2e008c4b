/**
 * Browsers watching the live seat counts of an event while it sells. Node 20 has
 * WebSocket behind --experimental-websocket, which `npm run bench` passes.
 */
export interface Audience {
  opened: number;
  frames: () => number;
  close: () => void;
}

const OPEN_TIMEOUT_MS = 10_000;

const openViewer = (url: string, onFrame: () => void) =>
  new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error("live socket did not open"));
    }, OPEN_TIMEOUT_MS);
    socket.addEventListener("open", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.addEventListener("error", () => {
      clearTimeout(timer);
      reject(new Error("live socket refused"));
    });
    socket.addEventListener("message", onFrame);
  });

/**
 * A viewer reconnects once, as a browser's live view would: wrangler dev's proxy takes any
 * GET whose connection to the Worker broke for one cut by a reload, and parks it until the
 * next request reaches the proxy; while a batch of viewers waits for its last socket, no
 * request comes, so now and then an upgrade neither opens nor fails.
 */
const openWithRetry = (url: string, onFrame: () => void) =>
  openViewer(url, onFrame).catch(() => openViewer(url, onFrame));

/** Opens `count` viewers on the event, 50 at a time, and counts the frames they receive. */
export const watch = async (base: string, eventId: string, count: number): Promise<Audience> => {
  if (typeof WebSocket === "undefined") throw new Error("run with node --experimental-websocket");
  const url = `${base.replace(/^http/, "ws")}/api/events/${eventId}/live`;
  let frames = 0;
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () =>
      openWithRetry(url, () => frames++),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return {
    opened: sockets.length,
    frames: () => frames,
    close: () => {
      for (const socket of sockets) socket.close(1000);
    },
  };
};
