import { calculateJwkThumbprint, importJWK, type JWK } from "jose";
import { problem } from "../lib/problem";

/** A public key as the JWK set publishes it. */
export interface PublicTicketKey {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  use: "sig";
  alg: "EdDSA";
}

export interface TicketKeys {
  /** Signs every ticket and tickets link issued now. */
  signing: { kid: string; key: CryptoKey };
  /** Every key that still verifies: the signing one, then the retired ones. */
  verifying: Map<string, CryptoKey>;
  /** The JWK set at /.well-known/ticket-keys.json. */
  published: PublicTicketKey[];
}

type KeyEnv = { TICKET_SIGNING_KEY?: string; TICKET_SIGNING_KEYS_OLD?: string };

const misconfigured = (detail: string) => problem("misconfigured", detail);

const parseJson = (text: string, name: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw misconfigured(`${name} is not JSON.`);
  }
};

const isEd25519 = (jwk: unknown): jwk is JWK & { x: string } => {
  const k = jwk as JWK | null;
  return k?.kty === "OKP" && k.crv === "Ed25519" && typeof k.x === "string";
};

/** The key id a JWK names, or its RFC 7638 thumbprint, which any holder of the key derives alike. */
const kidOf = async (jwk: JWK & { x: string }) =>
  typeof jwk.kid === "string" && jwk.kid !== ""
    ? jwk.kid
    : calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x });

const publicOf = (jwk: { x: string }, kid: string): PublicTicketKey => ({
  kty: "OKP",
  crv: "Ed25519",
  x: jwk.x,
  kid,
  use: "sig",
  alg: "EdDSA",
});

/** Retired keys: a JWK set, or a list of JWKs; a private part, if left in, is dropped. */
const retiredKeys = (text: string | undefined): (JWK & { x: string })[] => {
  if (!text?.trim()) return [];
  const value = parseJson(text, "TICKET_SIGNING_KEYS_OLD");
  const list = Array.isArray(value) ? value : (value as { keys?: unknown })?.keys;
  if (!Array.isArray(list) || !list.every(isEd25519)) {
    throw misconfigured("TICKET_SIGNING_KEYS_OLD must hold Ed25519 public JWKs.");
  }
  return list;
};

const load = async (env: KeyEnv): Promise<TicketKeys> => {
  // Never a built-in key: a ticket signed with a key everyone has would admit anyone.
  if (!env.TICKET_SIGNING_KEY?.trim()) {
    throw misconfigured("Ticket signing is not configured on this server (TICKET_SIGNING_KEY).");
  }
  const jwk = parseJson(env.TICKET_SIGNING_KEY, "TICKET_SIGNING_KEY");
  if (!isEd25519(jwk) || typeof jwk.d !== "string") {
    throw misconfigured("TICKET_SIGNING_KEY must be a private Ed25519 JWK (kty OKP, crv, x, d).");
  }
  const kid = await kidOf(jwk);
  const { d, x } = jwk;
  const signing = {
    kid,
    key: (await importJWK({ kty: "OKP", crv: "Ed25519", d, x }, "EdDSA")) as CryptoKey,
  };
  const verifying = new Map<string, CryptoKey>();
  const published: PublicTicketKey[] = [];
  const add = async (key: { x: string }, id: string) => {
    if (verifying.has(id)) return;
    const imported = await importJWK({ kty: "OKP", crv: "Ed25519", x: key.x }, "EdDSA");
    verifying.set(id, imported as CryptoKey);
    published.push(publicOf(key, id));
  };
  await add(jwk, kid);
  for (const old of retiredKeys(env.TICKET_SIGNING_KEYS_OLD)) await add(old, await kidOf(old));
  return { signing, verifying, published };
};

/** Keys are parsed and imported once per isolate and configuration. */
const cache = new Map<string, Promise<TicketKeys>>();

/**
 * The ticket keys of this deployment: 500 `misconfigured` when the signing key is missing
 * or malformed, so no ticket is ever issued or checked with a key that is not the secret's.
 */
export const ticketKeys = (env: KeyEnv): Promise<TicketKeys> => {
  const id = `${env.TICKET_SIGNING_KEY ?? ""}\n${env.TICKET_SIGNING_KEYS_OLD ?? ""}`;
  let keys = cache.get(id);
  if (!keys) {
    keys = load(env);
    // A failure is not remembered: the next request reads the configuration again.
    keys.catch(() => cache.delete(id));
    if (cache.size > 8) cache.clear();
    cache.set(id, keys);
  }
  return keys;
};
