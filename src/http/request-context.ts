import type { MiddlewareHandler } from "hono";
import { log } from "../lib/logger";
import type { AppEnv } from "./router";

const VALID_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** Gives every request an id (the caller's, if sane), echoes it, and logs one line per request. */
export const requestContext = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = Date.now();
  const incoming = c.req.header("x-request-id");
  const requestId = incoming && VALID_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", requestId);
  await next();
  // A WebSocket handshake answer (101) carries the socket, not headers of ours.
  if (c.res.status !== 101) c.res.headers.set("X-Request-Id", requestId);
  log(c.env, "info", "request", {
    requestId,
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    durationMs: Date.now() - started,
  });
};
