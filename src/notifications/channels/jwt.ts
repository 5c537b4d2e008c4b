import { toBase64Url } from "../../lib/encoding";

/**
 * The two JOSE algorithms the push providers accept. WebCrypto's ECDSA signature is already
 * the raw r||s pair JOSE expects (not DER), and RSASSA-PKCS1-v1_5 is exactly RS256, so the
 * signature bytes go into the token unchanged.
 */
const ALGORITHMS = {
  RS256: {
    key: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    sign: { name: "RSASSA-PKCS1-v1_5" },
  },
  ES256: {
    key: { name: "ECDSA", namedCurve: "P-256" },
    sign: { name: "ECDSA", hash: "SHA-256" },
  },
} as const;
export type JwtAlgorithm = keyof typeof ALGORITHMS;

/**
 * PEM → DER bytes. Keys pasted into a secret often keep JSON's literal `\n`, so those are
 * dropped along with real line breaks.
 */
const pemToDer = (pem: string): Uint8Array =>
  Uint8Array.from(
    atob(
      pem
        .replace(/-----(BEGIN|END) [A-Z ]+-----/g, "")
        .replaceAll("\\n", "")
        .replace(/\s+/g, ""),
    ),
    (ch) => ch.charCodeAt(0),
  );

/** Imports a PKCS#8 private key (a Google service account key, an APNs .p8) for signing. */
export const importSigningKey = (pem: string, alg: JwtAlgorithm): Promise<CryptoKey> => {
  let der: Uint8Array;
  try {
    der = pemToDer(pem);
  } catch {
    // The decoder's message could quote the key; say only what is wrong.
    throw new Error(`the ${alg} private key is not a PEM-encoded PKCS#8 key`);
  }
  return crypto.subtle.importKey("pkcs8", der, ALGORITHMS[alg].key, false, ["sign"]);
};

const encodeJson = (value: unknown): string =>
  toBase64Url(new TextEncoder().encode(JSON.stringify(value)));

/** A compact JWS: base64url(header).base64url(claims).base64url(signature). */
export const signJwt = async (
  alg: JwtAlgorithm,
  key: CryptoKey,
  /** Beside `alg` and `typ`; an undefined entry is left out. */
  header: Record<string, string | undefined>,
  claims: Record<string, string | number>,
): Promise<string> => {
  const input = `${encodeJson({ alg, typ: "JWT", ...header })}.${encodeJson(claims)}`;
  const signature = await crypto.subtle.sign(
    ALGORITHMS[alg].sign,
    key,
    new TextEncoder().encode(input),
  );
  return `${input}.${toBase64Url(new Uint8Array(signature))}`;
};

export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);
