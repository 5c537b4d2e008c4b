/**
 * Lines the local runtime prints about things the tests do on purpose, kept out of the
 * run's output. The pool writes each runtime log in one call.
 */
const DROPPED = [
  // Calls in flight when races/restart.test.ts aborts every Durable Object mid-burst; the
  // test asserts what their callers were answered.
  /Application called abortAllDurableObjects\(\)/,
  // workerd's own notices, tagged as no error (an alarm rescheduled while its handler ran).
  /^NOSENTRY /,
  // The runtime's fetch notes the non-ASCII Idempotency-Key that bookings.test.ts sends on
  // purpose; the test asserts the 422 it earns.
  /^A header value for "Idempotency-Key" contains non-ASCII characters/,
  // The pool's own connection to each runtime's runner, closed when its files end (the
  // pool already drops its "WebSocket was aborted" sibling); none of the app's sockets.
  /^exception = workerd\/api\/web-socket\.c\+\+:\d+: disconnected: WebSocket peer disconnected\n$/,
];

const keep = (chunk: string | Uint8Array) => {
  const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
  return !DROPPED.some((pattern) => pattern.test(text));
};

/**
 * Filters whatever `write` a stream has now and whatever replaces it later: Vitest's
 * reporter swaps in its own writer once the run starts.
 */
const filter = (stream: NodeJS.WriteStream) => {
  let inner = stream.write;
  const filtered = ((chunk: string | Uint8Array, ...rest: never[]) =>
    keep(chunk) ? inner.call(stream, chunk, ...rest) : true) as typeof inner;
  Object.defineProperty(stream, "write", {
    configurable: true,
    get: () => filtered,
    set: (next: typeof inner) => {
      if (next !== filtered) inner = next;
    },
  });
};

/** The pool prints the runtime's logs on stdout or stderr, by level. */
export const captureRuntimeLog = () => {
  filter(process.stdout);
  filter(process.stderr);
};
