import { errors, jwtVerify, SignJWT } from "jose";
import { derivedKey } from "../lib/derived-keys";
import { problem } from "../lib/problem";

/**
 * Admission passes: compact JWS (HS256) naming the attendee (`sub`), the event (`evt`),
 * the queue entry (`jti`) and the expiry (`exp`). The key is derived with HKDF from
 * JWT_SECRET for this purpose alone, so the booking route checks a pass with no I/O and
 * no pass can pass for an organizer token or the other way round.
 */
export interface PassClaims {
  entryId: string;
  eventId: string;
  attendeeId: string;
  /** Milliseconds since the epoch, a whole second: JWT counts seconds. */
  expiresAt: number;
}

const TYPE = "admission+jwt";
const keyOf = (env: Pick<Env, "JWT_SECRET">) => derivedKey(env, "admission pass v1");

export const signPass = async (env: Pick<Env, "JWT_SECRET">, claims: PassClaims) =>
  new SignJWT({ evt: claims.eventId })
    .setProtectedHeader({ alg: "HS256", typ: TYPE })
    .setSubject(claims.attendeeId)
    .setJti(claims.entryId)
    .setExpirationTime(Math.floor(claims.expiresAt / 1000))
    .sign(await keyOf(env));

const invalid = () =>
  problem("admission_invalid", "This admission pass is not one this event issued to you.");

/**
 * The pass's claims when it admits this attendee to this event now. Forged, another
 * attendee's or another event's: 403 `admission_invalid`; past its expiry: 409
 * `admission_expired`, told only to the attendee it was issued to.
 */
export const verifyPass = async (
  env: Pick<Env, "JWT_SECRET">,
  pass: string,
  expected: { eventId: string; attendeeId: string },
  now = Date.now(),
): Promise<PassClaims> => {
  const key = await keyOf(env);
  let payload: Record<string, unknown>;
  let expired = false;
  try {
    ({ payload } = await jwtVerify(pass, key, {
      algorithms: ["HS256"],
      typ: TYPE,
      currentDate: new Date(now),
      requiredClaims: ["sub", "jti", "exp", "evt"],
    }));
  } catch (error) {
    // jose checks the signature before the expiry: an expired pass is an authentic one.
    if (!(error instanceof errors.JWTExpired)) throw invalid();
    payload = error.payload;
    expired = true;
  }
  if (payload.sub !== expected.attendeeId || payload.evt !== expected.eventId) throw invalid();
  if (typeof payload.jti !== "string" || typeof payload.exp !== "number") throw invalid();
  if (expired) {
    throw problem("admission_expired", "This admission pass has expired; join the queue again.");
  }
  return {
    entryId: payload.jti,
    eventId: expected.eventId,
    attendeeId: expected.attendeeId,
    expiresAt: payload.exp * 1000,
  };
};
