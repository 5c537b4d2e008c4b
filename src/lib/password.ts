import { constantTimeEqual, fromBase64Url, toBase64Url } from "./encoding";

/** Cloudflare Workers refuse PBKDF2 above 100,000 iterations. */
export const MAX_ITERATIONS = 100_000;
const SCHEME = "pbkdf2-sha256";
const KEY_BITS = 256;

const derive = async (password: string, salt: Uint8Array, iterations: number) => {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    KEY_BITS,
  );
  return new Uint8Array(bits);
};

/** Returns `pbkdf2-sha256$<iterations>$<salt>$<hash>`, so parameters can change without a migration. */
export const hashPassword = async (password: string, iterations = MAX_ITERATIONS) => {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `${SCHEME}$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, iterText, saltText, hashText] = stored.split("$");
  const iterations = Number(iterText);
  const salt = fromBase64Url(saltText ?? "");
  const expected = fromBase64Url(hashText ?? "");
  const valid =
    scheme === SCHEME &&
    Number.isInteger(iterations) &&
    iterations > 0 &&
    iterations <= MAX_ITERATIONS &&
    salt !== null &&
    expected !== null;
  if (!valid) return false;
  return constantTimeEqual(await derive(password, salt, iterations), expected);
};

/**
 * A hash of a random password nobody knows: verifying against it when the email is
 * unknown makes login cost the same whether or not the account exists.
 */
export const DECOY_HASH =
  "pbkdf2-sha256$100000$h0uEqFAmK0m2xCqs2vQ4ZQ$0a8R6oH6mB2a3m1QyQ1m1x9k7hZ0yFJ0pDNs3bHc0l4";
