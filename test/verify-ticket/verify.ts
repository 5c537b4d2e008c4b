import { readFile } from "node:fs/promises";
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from "jose";

export const DEFAULT_KEYS = "http://127.0.0.1:8787/.well-known/ticket-keys.json";

/** The JWK set from a URL (as a scanner fetches it once online) or a file saved from it. */
export const loadKeySet = async (source: string): Promise<JSONWebKeySet> => {
  const text = /^https?:\/\//.test(source)
    ? await (async () => {
        const res = await fetch(source, { signal: AbortSignal.timeout(10_000) });
        if (!res.ok) throw new Error(`${source} answered ${res.status}`);
        return res.text();
      })()
    : await readFile(source, "utf8");
  const set = JSON.parse(text) as JSONWebKeySet;
  if (!Array.isArray(set?.keys)) throw new Error(`${source} holds no JWK set`);
  return set;
};

export type Verdict =
  | {
      valid: true;
      ticketId: string;
      eventId: string;
      ticketTypeId: string;
      issuedAt: string;
      kid: string;
    }
  | { valid: false; reason: string };

/** Checks a ticket's QR code with nothing but the JWK set: offline, as a scanner at the door. */
export const verifyQr = async (qr: string, keySet: JSONWebKeySet): Promise<Verdict> => {
  let kid = "";
  try {
    kid = String(decodeProtectedHeader(qr).kid ?? "");
  } catch {
    return { valid: false, reason: "not a compact JWS" };
  }
  try {
    const { payload } = await compactVerify(qr, createLocalJWKSet(keySet), {
      algorithms: ["EdDSA"],
    });
    const claims = JSON.parse(new TextDecoder().decode(payload));
    if (typeof claims.tid !== "string" || typeof claims.eid !== "string") {
      return { valid: false, reason: "signed, but not a ticket" };
    }
    return {
      valid: true,
      ticketId: claims.tid,
      eventId: claims.eid,
      ticketTypeId: String(claims.tt),
      issuedAt: new Date(Number(claims.iat) * 1000).toISOString(),
      kid,
    };
  } catch (error) {
    const known = keySet.keys.some((key) => key.kid === kid);
    return {
      valid: false,
      reason: known
        ? "bad signature"
        : `no key "${kid}" in the key set (${(error as Error).message})`,
    };
  }
};
