import type { MiddlewareHandler } from "hono";
import { problem } from "./problem";
import type { AppEnv } from "./router";

const WINDOW_SECONDS = 60;

/**
 * Limits login attempts per client address and email, so guessing one account's
 * password is slow while other accounts and clients are unaffected. The body was
 * already parsed (and size-checked) by the JSON body guard.
 */
export const limitLogins = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const body = (await c.req.json().catch(() => ({}))) as { email?: unknown };
  const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
  const client = c.req.header("cf-connecting-ip") ?? "unknown";
  const { success } = await c.env.LOGIN_LIMITER.limit({ key: `${client}|${email}` });
  if (!success) {
    throw problem("rate_limited", "Too many login attempts; wait a minute before trying again.", {
      headers: { "Retry-After": String(WINDOW_SECONDS) },
    });
  }
  await next();
};
