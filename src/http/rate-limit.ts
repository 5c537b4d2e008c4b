import type { Context, MiddlewareHandler } from "hono";
import { problem } from "../lib/problem";
import type { AppEnv } from "./router";

const WINDOW_SECONDS = 60;

/** Cloudflare sets CF-Connecting-IP on every request it forwards. */
const clientAddress = (c: Context<AppEnv>) => c.req.header("cf-connecting-ip") ?? "unknown";

const limited = (detail: string) =>
  problem("rate_limited", detail, { headers: { "Retry-After": String(WINDOW_SECONDS) } });

/** Takes one attempt from the limiter's bucket for `key`; refuses once it is empty. */
export const spendAttempt = async (limiter: RateLimit, key: string, detail: string) => {
  const { success } = await limiter.limit({ key });
  if (!success) throw limited(detail);
};

/**
 * Limits login attempts per client address and email, so guessing one account's
 * password is slow while other accounts and clients are unaffected, and per email
 * across all addresses, so spraying one account from many addresses is slow too.
 * The body was already parsed (and size-checked) by the JSON body guard.
 */
export const limitLogins = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const body = (await c.req.json().catch(() => ({}))) as { email?: unknown };
  const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
  const detail = "Too many login attempts; wait a minute before trying again.";
  await spendAttempt(c.env.LOGIN_LIMITER, `${clientAddress(c)}|${email}`, detail);
  await spendAttempt(c.env.ACCOUNT_LOGIN_LIMITER, email, detail);
  await next();
};

/** Registrations from one client address, counted in the named limiter's bucket. */
const registrationsPerClient =
  (limiter: "REGISTER_LIMITER" | "ATTENDEE_REGISTER_LIMITER"): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await spendAttempt(
      c.env[limiter],
      clientAddress(c),
      "Too many registrations from this address; wait a minute before trying again.",
    );
    await next();
  };

/** Each registration hashes a password at 100,000 iterations: a few a minute per client. */
export const limitRegistrations = () => registrationsPerClient("REGISTER_LIMITER");

/**
 * Every attendee account may hold seats on every event: accounts made in bulk would
 * hoard seats in bulk. Holds themselves are not limited per address, since many real
 * attendees share one (a venue's, an office's or a carrier's NAT).
 */
export const limitAttendeeRegistrations = () => registrationsPerClient("ATTENDEE_REGISTER_LIMITER");
