import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { loadKeySet, verifyQr } from "../verify-ticket/verify";

const keyPair = async (kid: string) => {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "EdDSA" } };
};

const sign = (key: CryptoKey, kid: string, claims: object) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: "EdDSA", kid })
    .sign(key);

describe("npm run verify-ticket", () => {
  it("tells a ticket signed by a key of the set from anything else, with the set read from a file", async () => {
    const current = await keyPair("k-2030");
    const stranger = await keyPair("k-2030");
    const dir = await mkdtemp(path.join(tmpdir(), "ticket-keys-"));
    const file = path.join(dir, "ticket-keys.json");
    await writeFile(file, JSON.stringify({ keys: [current.jwk] }));
    const keys = await loadKeySet(file);
    const claims = { tid: "t-1", eid: "e-1", tt: "general", iat: 1_900_000_000 };

    expect(await verifyQr(await sign(current.privateKey, "k-2030", claims), keys)).toEqual({
      valid: true,
      ticketId: "t-1",
      eventId: "e-1",
      ticketTypeId: "general",
      issuedAt: "2030-03-17T17:46:40.000Z",
      kid: "k-2030",
    });
    expect(await verifyQr(await sign(stranger.privateKey, "k-2030", claims), keys)).toEqual({
      valid: false,
      reason: "bad signature",
    });
    expect((await verifyQr(await sign(current.privateKey, "k-old", claims), keys)).valid).toBe(
      false,
    );
    expect(await verifyQr("hello", keys)).toEqual({ valid: false, reason: "not a compact JWS" });
  });
});
