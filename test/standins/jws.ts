import { verify } from "node:crypto";

export interface VerifiedJws {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

const decode = (part: string): Record<string, unknown> | null => {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
};

/**
 * Verifies a compact JWS the way the providers do: the algorithm is pinned, and ES256
 * signatures are the raw r||s pair JOSE specifies, not DER.
 */
export const verifyJws = (
  token: string,
  alg: "RS256" | "ES256",
  publicKey: string,
): VerifiedJws | null => {
  const [h, c, s, ...rest] = token.split(".");
  if (!h || !c || !s || rest.length) return null;
  const header = decode(h);
  const claims = decode(c);
  if (!header || !claims || header.alg !== alg) return null;
  const key = alg === "ES256" ? { key: publicKey, dsaEncoding: "ieee-p1363" as const } : publicKey;
  const valid = verify("sha256", Buffer.from(`${h}.${c}`), key, Buffer.from(s, "base64url"));
  return valid ? { header, claims } : null;
};

export const nowInSeconds = () => Math.floor(Date.now() / 1000);
