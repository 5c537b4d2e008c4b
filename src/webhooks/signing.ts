import { fromBase64, toBase64 } from "../lib/encoding";

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): a `whsec_` secret is
 * base64 of its key bytes, and `v1,<base64 HMAC-SHA256>` signs `{id}.{timestamp}.{body}`.
 * The secrets are sealed at rest with AES-GCM under a key derived from JWT_SECRET.
 */

const PREFIX = "whsec_";
const SECRET_BYTES = 32;
const encoder = new TextEncoder();

/** The key that seals endpoints' secrets is derived from it; without it nothing is signed. */
export const jwtSecretOf = (env: Pick<Env, "JWT_SECRET">): string => {
  if (!env.JWT_SECRET) throw new Error("JWT_SECRET is not set: webhook secrets cannot be sealed");
  return env.JWT_SECRET;
};

/** A new signing secret, shown to its organizer once. */
export const newSecret = (): string =>
  PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));

const hmacKey = (secret: string) =>
  crypto.subtle.importKey(
    "raw",
    fromBase64(secret.slice(PREFIX.length)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );

/**
 * The `webhook-signature` header: one `v1,` signature per secret, space-separated, so a
 * receiver still on the old secret verifies while a rotation settles.
 */
export const signatureHeader = async (
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): Promise<string> => {
  const content = encoder.encode(`${id}.${timestamp}.${body}`);
  const signatures = await Promise.all(
    secrets.map(async (secret) => {
      const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), content);
      return `v1,${toBase64(new Uint8Array(mac))}`;
    }),
  );
  return signatures.join(" ");
};

const IV_BYTES = 12;

const sealingKey = async (jwtSecret: string) => {
  const base = await crypto.subtle.importKey("raw", encoder.encode(jwtSecret), "HKDF", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: new Uint8Array(0),
      info: encoder.encode("event-booking webhook secrets v1"),
    },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
};

/** The secret as D1 keeps it: base64 of a random IV and the AES-GCM ciphertext. */
export const sealSecret = async (jwtSecret: string, secret: string): Promise<string> => {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await sealingKey(jwtSecret),
    encoder.encode(secret),
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return toBase64(out);
};

export const openSecret = async (jwtSecret: string, stored: string): Promise<string> => {
  const bytes = fromBase64(stored);
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES) },
    await sealingKey(jwtSecret),
    bytes.slice(IV_BYTES),
  );
  return new TextDecoder().decode(plain);
};
