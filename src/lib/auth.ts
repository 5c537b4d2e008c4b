import { eq } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { sign, verify } from "hono/jwt";
import { database } from "../db/client";
import { attendees } from "../db/schema";
import { sha256Hex, toBase64Url } from "./encoding";
import { problem } from "./problem";
import type { AppEnv } from "./router";

export type Caller = { kind: "organizer"; id: string } | { kind: "attendee"; id: string };
export type CallerKind = Caller["kind"];

const TOKEN_TTL_SECONDS = 12 * 60 * 60;
const MIN_SECRET_LENGTH = 32;
const ATTENDEE_TOKEN_PREFIX = "at_";

/** No built-in fallback key: without a real secret no token is issued or accepted. */
const jwtSecret = (env: Env): string => {
  const secret = env.JWT_SECRET;
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    throw problem("misconfigured", "Token signing is not configured on this server.");
  }
  return secret;
};

export const issueOrganizerToken = async (env: Env, userId: string) => {
  const iat = Math.floor(Date.now() / 1000);
  return sign(
    { sub: userId, role: "organizer", iat, exp: iat + TOKEN_TTL_SECONDS },
    jwtSecret(env),
    "HS256",
  );
};

const verifyOrganizerToken = async (env: Env, token: string): Promise<Caller> => {
  const secret = jwtSecret(env);
  try {
    const payload = await verify(token, secret, "HS256");
    if (payload.role !== "organizer" || typeof payload.sub !== "string" || !payload.exp) {
      throw new Error("unexpected claims");
    }
    return { kind: "organizer", id: payload.sub };
  } catch {
    throw problem("unauthorized", "The bearer token is invalid or expired.");
  }
};

/** 256 random bits; only its SHA-256 is stored, so a database leak reveals no usable token. */
export const newAttendeeToken = async () => {
  const token = ATTENDEE_TOKEN_PREFIX + toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  return { token, hash: await sha256Hex(token) };
};

const verifyAttendeeToken = async (env: Env, token: string): Promise<Caller> => {
  const row = await database(env.DB)
    .select({ id: attendees.id })
    .from(attendees)
    .where(eq(attendees.tokenHash, await sha256Hex(token)))
    .get();
  if (!row) throw problem("unauthorized", "The bearer token is invalid.");
  return { kind: "attendee", id: row.id };
};

export const bearerToken = (header: string | undefined): string | null => {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
};

export const authenticateToken = (env: Env, token: string): Promise<Caller> =>
  token.startsWith(ATTENDEE_TOKEN_PREFIX)
    ? verifyAttendeeToken(env, token)
    : verifyOrganizerToken(env, token);

/** A caller known from the token alone, or an attendee token whose lookup is still to run. */
export type PendingCaller = { caller: Caller } | { attendeeTokenHash: string };

/**
 * For a hot path: checks the bearer token without a D1 round trip of its own. JWTs are
 * verified here; an attendee token's lookup is left to the handler, which batches it
 * with its own reads (`attendeeByToken`, then `resolveCaller`).
 */
export const requireBearer = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw problem("unauthorized", "Send Authorization: Bearer <token>.");
  c.set(
    "pendingCaller",
    token.startsWith(ATTENDEE_TOKEN_PREFIX)
      ? { attendeeTokenHash: await sha256Hex(token) }
      : { caller: await verifyOrganizerToken(c.env, token) },
  );
  await next();
};

export const attendeeByToken = (env: Env, tokenHash: string) =>
  database(env.DB)
    .select({ id: attendees.id })
    .from(attendees)
    .where(eq(attendees.tokenHash, tokenHash));

export const resolveCaller = (
  pending: PendingCaller,
  found: { id: string } | undefined,
): Caller => {
  if ("caller" in pending) return pending.caller;
  if (!found) throw problem("unauthorized", "The bearer token is invalid.");
  return { kind: "attendee", id: found.id };
};

/** Route middleware: resolves the caller and refuses kinds the route does not serve. */
export const requireCaller =
  (...kinds: CallerKind[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (!token) throw problem("unauthorized", "Send Authorization: Bearer <token>.");
    const caller = await authenticateToken(c.env, token);
    if (!kinds.includes(caller.kind)) {
      throw problem("forbidden", `This operation is for ${kinds.join(" or ")} callers.`);
    }
    c.set("caller", caller);
    await next();
  };

export const callerOf = (c: Context<AppEnv>): Caller => c.get("caller");
