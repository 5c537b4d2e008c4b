import { problem } from "./problem";

const encoder = new TextEncoder();
const keys = new Map<string, Promise<Uint8Array>>();

const derive = async (secret: string, purpose: string): Promise<Uint8Array> => {
  const base = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("event-booking"),
      info: encoder.encode(purpose),
    },
    base,
    256,
  );
  return new Uint8Array(bits);
};

/**
 * A 256-bit HMAC key derived with HKDF from JWT_SECRET for one purpose alone (its
 * `info`), so a token signed for one purpose never verifies for another, nor as an
 * organizer JWT. Derived once per isolate and secret.
 */
export const derivedKey = (env: Pick<Env, "JWT_SECRET">, purpose: string): Promise<Uint8Array> => {
  const secret = env.JWT_SECRET;
  if (!secret) throw problem("misconfigured", "JWT_SECRET is not set: tokens cannot be signed.");
  const id = `${purpose}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = derive(secret, purpose);
    keys.set(id, key);
  }
  return key;
};
