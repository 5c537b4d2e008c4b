import { CompactSign, compactVerify, decodeProtectedHeader } from "jose";
import type { TicketKeys } from "./keys";

/** What a ticket's QR code says, signed: any scanner with the JWK set can check it offline. */
export interface TicketClaims {
  /** Ticket id. */
  tid: string;
  /** Event id. */
  eid: string;
  /** Ticket type id. */
  tt: string;
  /** Issued at, in Unix seconds. */
  iat: number;
}

const encoder = new TextEncoder();

/**
 * The ticket as a compact JWS (RFC 7515), Ed25519. Ed25519 signatures are deterministic
 * and `iat` is the ticket's issue time, so a ticket's QR code is the same on every read.
 */
export const signTicket = (keys: TicketKeys, claims: TicketClaims): Promise<string> =>
  new CompactSign(
    encoder.encode(
      JSON.stringify({ tid: claims.tid, eid: claims.eid, tt: claims.tt, iat: claims.iat }),
    ),
  )
    .setProtectedHeader({ alg: "EdDSA", kid: keys.signing.kid })
    .sign(keys.signing.key);

const isClaims = (value: unknown): value is TicketClaims => {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v?.tid === "string" &&
    typeof v.eid === "string" &&
    typeof v.tt === "string" &&
    typeof v.iat === "number"
  );
};

/**
 * The claims of a QR code signed by one of this deployment's keys, or null for anything
 * else: malformed, another algorithm, an unknown key, a bad signature.
 */
export const verifyTicket = async (keys: TicketKeys, qr: string): Promise<TicketClaims | null> => {
  try {
    const { kid, alg } = decodeProtectedHeader(qr);
    const key = typeof kid === "string" ? keys.verifying.get(kid) : undefined;
    if (!key || alg !== "EdDSA") return null;
    const { payload } = await compactVerify(qr, key, { algorithms: ["EdDSA"] });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    return isClaims(claims) ? claims : null;
  } catch {
    return null;
  }
};
