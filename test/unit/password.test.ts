import { describe, expect, it } from "vitest";
import { DECOY_HASH, hashPassword, MAX_ITERATIONS, verifyPassword } from "../../src/lib/password";

const parts = (stored: string) => {
  const [scheme, iterations, salt, hash] = stored.split("$");
  return { scheme, iterations: Number(iterations), salt, hash };
};

describe("hashPassword / verifyPassword", () => {
  it("verifies the password it hashed", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("stores the scheme and an iteration count within the Workers limit", async () => {
    const stored = await hashPassword("correct horse battery");
    const { scheme, iterations, salt, hash } = parts(stored);
    expect(scheme).toBe("pbkdf2-sha256");
    expect(MAX_ITERATIONS).toBe(100_000);
    expect(iterations).toBeGreaterThan(0);
    expect(iterations).toBeLessThanOrEqual(100_000);
    expect(salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain("correct horse battery");
  });

  it("uses the stored iteration count when verifying", async () => {
    const stored = await hashPassword("s3cret-pass", 1000);
    expect(parts(stored).iterations).toBe(1000);
    expect(await verifyPassword("s3cret-pass", stored)).toBe(true);
    expect(await verifyPassword("s3cret-pass", stored.replace("$1000$", "$999$"))).toBe(false);
  });

  it("salts every hash differently", async () => {
    const [a, b] = [await hashPassword("same password"), await hashPassword("same password")];
    expect(parts(a).salt).not.toBe(parts(b).salt);
    expect(parts(a).hash).not.toBe(parts(b).hash);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("handles unicode passwords", async () => {
    const stored = await hashPassword("mot de passe très sûr 🔐", 1000);
    expect(await verifyPassword("mot de passe très sûr 🔐", stored)).toBe(true);
    expect(await verifyPassword("mot de passe tres sur 🔐", stored)).toBe(false);
  });

  it("answers false, without throwing, for malformed stored hashes", async () => {
    const good = await hashPassword("pw-pw-pw-pw", 1000);
    const { salt, hash } = parts(good);
    const malformed = [
      "",
      "garbage",
      "pbkdf2-sha256",
      "pbkdf2-sha256$1000",
      `pbkdf2-sha256$1000$${salt}`,
      `bcrypt$1000$${salt}$${hash}`,
      `pbkdf2-sha256$abc$${salt}$${hash}`,
      `pbkdf2-sha256$0$${salt}$${hash}`,
      `pbkdf2-sha256$-1000$${salt}$${hash}`,
      `pbkdf2-sha256$1000.5$${salt}$${hash}`,
      `pbkdf2-sha256$1000$!!not base64!!$${hash}`,
      `pbkdf2-sha256$1000$${salt}$!!not base64!!`,
      `pbkdf2-sha256$1000$${salt}$${hash?.slice(0, 20)}`,
    ];
    for (const stored of malformed) {
      await expect(verifyPassword("pw-pw-pw-pw", stored), stored).resolves.toBe(false);
    }
  });

  it("refuses stored iteration counts above the Workers limit without deriving", async () => {
    const stored = await hashPassword("pw-pw-pw-pw", 1000);
    // Workers reject PBKDF2 above the limit, so deriving would throw instead of answering false.
    for (const count of [MAX_ITERATIONS + 1, 1_000_000_000]) {
      const inflated = stored.replace("$1000$", `$${count}$`);
      await expect(verifyPassword("pw-pw-pw-pw", inflated)).resolves.toBe(false);
    }
  });
});

describe("DECOY_HASH", () => {
  it("is well formed with the same cost as a real hash, and matches nothing obvious", async () => {
    const decoy = parts(DECOY_HASH);
    const real = parts(await hashPassword("anything"));
    expect(decoy.scheme).toBe(real.scheme);
    expect(decoy.iterations).toBe(real.iterations);
    expect(decoy.salt?.length).toBe(real.salt?.length);
    expect(decoy.hash?.length).toBe(real.hash?.length);
    expect(await verifyPassword("", DECOY_HASH)).toBe(false);
    expect(await verifyPassword("password", DECOY_HASH)).toBe(false);
  });
});
