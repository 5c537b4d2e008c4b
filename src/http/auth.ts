import { and, eq, isNull } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { sign, verify } from "hono/jwt";
import { jwtVerify, SignJWT } from "jose";
import { database } from "../db/client";
import { attendees, users } from "../db/schema";
import { derivedKey } from "../lib/derived-keys";
import { sha256Hex, toBase64Url } from "../lib/encoding";
import { problem } from "../lib/problem";
import type { Caller, CallerEnv, CallerKind } from "./app-env";

export type { Caller, CallerKind } from "./app-env";

/** What a verified organizer JWT says, before the account behind it is checked. */
export interface OrganizerClaims {
  id: string;
  issuedAt: number;
}

/** The account state a token is checked against. */
export interface OrganizerAccount {
  id: string;
  passwordChangedAt: number | null;
  closedAt: string | null;
}

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `iat` has second resolution and a token must be issued strictly after the last
 * password change, so a token asked for in the very second of a change waits for
 * the next one (at most a second, and only right after a change).
 */
export const issueOrganizerToken = async (
  env: Env,
  userId: string,
  passwordChangedAt: number | null = null,
) => {
  const secret = jwtSecret(env);
  if (passwordChangedAt !== null && Math.floor(Date.now() / 1000) <= passwordChangedAt) {
    await sleep((passwordChangedAt + 1) * 1000 - Date.now());
  }
  const iat = Math.floor(Date.now() / 1000);
  return sign(
    { sub: userId, role: "organizer", iat, exp: iat + TOKEN_TTL_SECONDS },
    secret,
    "HS256",
  );
};

/** Checks the signature and claims only; `admitOrganizer` then checks the account. */
export const verifyOrganizerToken = async (env: Env, token: string): Promise<OrganizerClaims> => {
  const secret = jwtSecret(env);
  try {
    const payload = await verify(token, secret, "HS256");
    if (
      payload.role !== "organizer" ||
      typeof payload.sub !== "string" ||
      typeof payload.iat !== "number" ||
      !payload.exp
    ) {
      throw new Error("unexpected claims");
    }
    return { id: payload.sub, issuedAt: payload.iat };
  } catch {
    throw problem("unauthorized", "The bearer token is invalid or expired.");
  }
};

export const organizerAccount = (env: Env, id: string) =>
  database(env.DB)
    .select({ id: users.id, passwordChangedAt: users.passwordChangedAt, closedAt: users.closedAt })
    .from(users)
    .where(eq(users.id, id));

/**
 * A valid signature is not enough: the account must exist, not be closing, and not
 * have changed its password since the token was issued.
 */
export const admitOrganizer = (
  claims: OrganizerClaims,
  account: OrganizerAccount | undefined,
): Caller => {
  if (!account || account.closedAt !== null) {
    throw problem("unauthorized", "The account behind this token no longer exists.");
  }
  if (account.passwordChangedAt !== null && claims.issuedAt <= account.passwordChangedAt) {
    throw problem(
      "unauthorized",
      "The password changed after this token was issued; log in again.",
    );
  }
  return { kind: "organizer", id: claims.id };
};

const ATTENDEE_TOKEN_TYPE = "attendee+jwt";
const attendeeKey = (env: Env) => derivedKey({ JWT_SECRET: jwtSecret(env) }, "attendee token v1");

/**
 * `at_` and a compact JWS (HS256, its key derived for attendee tokens alone) naming the
 * attendee (`sub`), with 128 random bits (`jti`) so no two tokens are alike. It never
 * expires: it lasts as long as the registration. Only its SHA-256 is stored, so a
 * database leak reveals no usable token; the signature lets the booking route know
 * the attendee without a D1 round trip (the ledger's D1 copy then checks they still exist).
 */
export const newAttendeeToken = async (env: Env, attendeeId: string) => {
  const jws = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: ATTENDEE_TOKEN_TYPE })
    .setSubject(attendeeId)
    .setJti(toBase64Url(crypto.getRandomValues(new Uint8Array(16))))
    .setIssuedAt()
    .sign(await attendeeKey(env));
  const token = ATTENDEE_TOKEN_PREFIX + jws;
  return { token, hash: await sha256Hex(token) };
};

/**
 * The attendee a signed token names, its signature checked with no I/O; null for an
 * opaque token issued before tokens were signed, which only D1 can resolve. A forged
 * signed token is refused here, before any storage is read.
 */
export const signedAttendeeOf = async (env: Env, token: string): Promise<string | null> => {
  const jws = token.slice(ATTENDEE_TOKEN_PREFIX.length);
  if (!jws.includes(".")) return null;
  try {
    const { payload } = await jwtVerify(jws, await attendeeKey(env), {
      algorithms: ["HS256"],
      typ: ATTENDEE_TOKEN_TYPE,
      requiredClaims: ["sub", "jti"],
    });
    if (typeof payload.sub === "string") return payload.sub;
  } catch {}
  throw problem("unauthorized", "The bearer token is invalid.");
};

/** The attendee a token's hash names, still there and not leaving: to run alone or in a batch. */
export const attendeeOfToken = (env: Env, tokenHash: string) =>
  database(env.DB)
    .select({ id: attendees.id })
    .from(attendees)
    .where(and(eq(attendees.tokenHash, tokenHash), isNull(attendees.leavingAt)));

/** The attendee D1 found for the token, who must be the one a signed token names. */
export const admitAttendee = (found: { id: string } | undefined, signed: string | null): Caller => {
  if (!found || (signed !== null && found.id !== signed)) {
    throw problem("unauthorized", "The bearer token is invalid.");
  }
  return { kind: "attendee", id: found.id };
};

/** Whether the attendee still exists and is not leaving is D1's to say, for any token. */
const verifyAttendeeToken = async (env: Env, token: string): Promise<Caller> => {
  const signed = await signedAttendeeOf(env, token);
  return admitAttendee(await attendeeOfToken(env, await sha256Hex(token)).get(), signed);
};

export const bearerToken = (header: string | undefined): string | null => {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
};

/** Attendee tokens start with `at_`; anything else must be an organizer JWT. */
export const isAttendeeToken = (token: string) => token.startsWith(ATTENDEE_TOKEN_PREFIX);

export const authenticateToken = async (env: Env, token: string): Promise<Caller> => {
  if (isAttendeeToken(token)) return verifyAttendeeToken(env, token);
  const claims = await verifyOrganizerToken(env, token);
  return admitOrganizer(claims, await organizerAccount(env, claims.id).get());
};

/** Route middleware: resolves the caller and refuses kinds the route does not serve. */
export const requireCaller =
  (...kinds: CallerKind[]): MiddlewareHandler<CallerEnv> =>
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

export const callerOf = <E extends CallerEnv>(c: Context<E>): Caller => c.get("caller");
