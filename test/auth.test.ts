import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { decode, sign } from "hono/jwt";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { anyone, as, bodyOf, client, expectProblem, raw } from "./client";
import { BASE, clientAddress, registerOrganizer, unique } from "./helpers";

const TEST_SECRET = "test-secret-that-is-long-enough-for-hs256-keys";
const PASSWORD = "correct horse battery";
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Each registration from its own address, so the per-address limit never interferes. */
const register = (body: { email: string; password: string }) =>
  client({ headers: { "CF-Connecting-IP": clientAddress() } }).api.auth.register.$post({
    json: { name: "Symfony Events Ltd", ...body },
  });

const login = (email: string, password: string) =>
  anyone.api.auth.login.$post({ json: { email, password } });

const me = (token: string) => as(token).api.auth.me.$get();

const newEmail = () => `${unique("auth")}@example.com`;

const base64Url = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

/** Runs one request through a fresh app whose environment has no JWT_SECRET. */
const withoutSecret = async (method: string, path: string, init: RequestInit = {}) => {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(
    new Request(`${BASE}${path}`, { method, ...init }),
    { ...env, JWT_SECRET: undefined },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

describe("POST /api/auth/register", () => {
  it("creates an organizer and answers 201 with Location, the user and a working token", async () => {
    const email = newEmail();
    const res = await register({ email, password: PASSWORD });

    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("location")).toBe("/api/auth/me");
    const body = await bodyOf(res, 201);
    expect(body.user).toEqual({
      id: expect.any(String),
      name: "Symfony Events Ltd",
      email,
      role: "organizer",
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(body.user).not.toHaveProperty("password");
    expect(body.user).not.toHaveProperty("passwordHash");
    expect(typeof body.token).toBe("string");

    expect(await bodyOf(await me(body.token), 200)).toEqual({ user: body.user });
  });

  it("issues an HS256 JWT carrying sub, role, iat and exp", async () => {
    const before = nowSeconds();
    const res = await bodyOf(await register({ email: newEmail(), password: PASSWORD }), 201);
    const { header, payload } = decode(res.token);

    expect(header.alg).toBe("HS256");
    expect(payload.sub).toBe(res.user.id);
    expect(payload.role).toBe("organizer");
    expect(typeof payload.iat).toBe("number");
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(typeof payload.exp).toBe("number");
    expect(payload.exp as number).toBeGreaterThan(payload.iat as number);
  });

  it("stores emails in lower case", async () => {
    const email = newEmail();
    const res = await register({ email: email.toUpperCase(), password: PASSWORD });
    expect((await bodyOf(res, 201)).user.email).toBe(email);
  });

  it("refuses a duplicate email with 409 email_taken", async () => {
    const email = newEmail();
    expect((await register({ email, password: PASSWORD })).status).toBe(201);
    await expectProblem(await register({ email, password: PASSWORD }), 409, "email_taken");
  });

  it("treats emails differing only in case as duplicates", async () => {
    const email = newEmail();
    expect((await register({ email, password: PASSWORD })).status).toBe(201);
    await expectProblem(
      await register({ email: email.toUpperCase(), password: PASSWORD }),
      409,
      "email_taken",
    );
  });

  it.each([
    ["7 characters", "x".repeat(7)],
    ["129 characters", "x".repeat(129)],
  ])("refuses a password of %s with 422 on the password field", async (_, password) => {
    const email = newEmail();
    const problem = await expectProblem(
      await register({ email, password }),
      422,
      "validation_failed",
    );
    expect(problem.errors).toContainEqual({ path: "password", message: expect.any(String) });
    // Nothing was stored: the same email can still register.
    expect((await register({ email, password: PASSWORD })).status).toBe(201);
  });

  it.each([
    ["8 characters", "x".repeat(8)],
    ["128 characters", "x".repeat(128)],
  ])("accepts a password of %s", async (_, password) => {
    const email = newEmail();
    expect((await register({ email, password })).status).toBe(201);
    expect((await login(email, password)).status).toBe(200);
  });

  it("refuses a missing name or a malformed email with 422", async () => {
    // Without the name the contract requires: no typed call can send it.
    const noName = await raw("POST", "/api/auth/register", {
      body: { email: newEmail(), password: PASSWORD },
      headers: { "CF-Connecting-IP": clientAddress() },
    });
    const missing = await expectProblem(noName, 422, "validation_failed");
    expect(missing.errors?.map((e) => e.path)).toContain("name");

    const badEmail = await register({ email: "not-an-email", password: PASSWORD });
    const malformed = await expectProblem(badEmail, 422, "validation_failed");
    expect(malformed.errors?.map((e) => e.path)).toContain("email");
  });
});

describe("POST /api/auth/login", () => {
  it("answers 200 with the user and a token that works", async () => {
    const organizer = await registerOrganizer();
    const res = await bodyOf(await login(organizer.email, PASSWORD), 200);

    expect(res.user).toEqual({
      id: organizer.id,
      name: organizer.name,
      email: organizer.email,
      role: "organizer",
      createdAt: organizer.createdAt,
    });
    expect((await bodyOf(await me(res.token), 200)).user.id).toBe(organizer.id);
  });

  it("accepts the email in any case", async () => {
    const organizer = await registerOrganizer();
    const res = await login(organizer.email.toUpperCase(), PASSWORD);
    expect((await bodyOf(res, 200)).user.id).toBe(organizer.id);
  });

  it("answers a wrong password and an unknown email identically with 401 invalid_credentials", async () => {
    const organizer = await registerOrganizer();
    const wrongPassword = await login(organizer.email, "not the password");
    const unknownEmail = await login(newEmail(), "not the password");

    const wrong = await expectProblem(wrongPassword, 401, "invalid_credentials");
    const unknown = await expectProblem(unknownEmail, 401, "invalid_credentials");
    expect(unknown).toEqual(wrong);
    expect(unknownEmail.headers.get("content-type")).toBe(
      wrongPassword.headers.get("content-type"),
    );
  });
});

describe("GET /api/auth/me", () => {
  it("answers 401 unauthorized for a non-bearer Authorization header", async () => {
    const organizer = await registerOrganizer();
    const res = await client({
      headers: { Authorization: `Basic ${organizer.token}` },
    }).api.auth.me.$get();
    await expectProblem(res, 401, "unauthorized");
  });

  it.each([
    ["garbage", "not-a-jwt"],
    ["three garbage segments", "abc.def.ghi"],
    ["an unknown attendee token", "at_doesnotexist"],
  ])("answers 401 unauthorized for %s", async (_, token) => {
    await expectProblem(await me(token), 401, "unauthorized");
  });

  it("answers 401 for an unsigned alg:none token", async () => {
    const organizer = await registerOrganizer();
    const iat = nowSeconds();
    const payload = { sub: organizer.id, role: "organizer", iat, exp: iat + 3600 };
    const token = `${base64Url({ alg: "none", typ: "JWT" })}.${base64Url(payload)}.`;
    await expectProblem(await me(token), 401, "unauthorized");
  });

  it("answers 401 for a token whose header claims none but keeps a real signature", async () => {
    const organizer = await registerOrganizer();
    const [, payload, signature] = organizer.token.split(".");
    const token = `${base64Url({ alg: "none", typ: "JWT" })}.${payload}.${signature}`;
    await expectProblem(await me(token), 401, "unauthorized");
  });

  it("answers 401 for a token signed with another secret", async () => {
    const organizer = await registerOrganizer();
    const iat = nowSeconds();
    const token = await sign(
      { sub: organizer.id, role: "organizer", iat, exp: iat + 3600 },
      "another-secret-that-is-also-long-enough-for-hs256",
      "HS256",
    );
    await expectProblem(await me(token), 401, "unauthorized");
  });

  it("answers 401 for a token with a tampered payload", async () => {
    const [victim, attacker] = [await registerOrganizer(), await registerOrganizer()];
    const [header, , signature] = attacker.token.split(".");
    const iat = nowSeconds();
    const forged = base64Url({ sub: victim.id, role: "organizer", iat, exp: iat + 3600 });
    const token = `${header}.${forged}.${signature}`;
    await expectProblem(await me(token), 401, "unauthorized");
  });

  it("accepts a token signed with the configured secret (the control case)", async () => {
    const organizer = await registerOrganizer();
    const iat = nowSeconds();
    const token = await sign(
      { sub: organizer.id, role: "organizer", iat, exp: iat + 3600 },
      TEST_SECRET,
      "HS256",
    );
    expect((await bodyOf(await me(token), 200)).user.id).toBe(organizer.id);
  });

  it("answers 401 for an expired token", async () => {
    const organizer = await registerOrganizer();
    const iat = nowSeconds() - 7200;
    const token = await sign(
      { sub: organizer.id, role: "organizer", iat, exp: iat + 3600 },
      TEST_SECRET,
      "HS256",
    );
    await expectProblem(await me(token), 401, "unauthorized");
  });

  it("answers 401 for a correctly signed token without exp", async () => {
    const organizer = await registerOrganizer();
    const token = await sign(
      { sub: organizer.id, role: "organizer", iat: nowSeconds() },
      TEST_SECRET,
      "HS256",
    );
    await expectProblem(await me(token), 401, "unauthorized");
  });

  it("answers 401 for a correctly signed token with another role", async () => {
    const organizer = await registerOrganizer();
    const iat = nowSeconds();
    const token = await sign(
      { sub: organizer.id, role: "admin", iat, exp: iat + 3600 },
      TEST_SECRET,
      "HS256",
    );
    await expectProblem(await me(token), 401, "unauthorized");
  });

  it("answers 401 for a valid token whose account does not exist", async () => {
    const iat = nowSeconds();
    const token = await sign(
      { sub: "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e", role: "organizer", iat, exp: iat + 3600 },
      TEST_SECRET,
      "HS256",
    );
    await expectProblem(await me(token), 401, "unauthorized");
  });
});

describe("without JWT_SECRET", () => {
  const json = (body: unknown): RequestInit => ({
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

  it("refuses to register with 500 misconfigured and stores nothing", async () => {
    const email = newEmail();
    const res = await withoutSecret(
      "POST",
      "/api/auth/register",
      json({ name: "Symfony Events Ltd", email, password: PASSWORD }),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.code).toBe("misconfigured");
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .+:\d+:\d+|Error:/);

    // The failed attempt left no account behind.
    expect((await register({ email, password: PASSWORD })).status).toBe(201);
  });

  it("refuses to log in with 500 misconfigured", async () => {
    const organizer = await registerOrganizer();
    const res = await withoutSecret(
      "POST",
      "/api/auth/login",
      json({ email: organizer.email, password: PASSWORD }),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.code).toBe("misconfigured");
    expect(res.body).not.toHaveProperty("token");
  });

  it("refuses an otherwise valid organizer token with 500 misconfigured", async () => {
    const organizer = await registerOrganizer();
    const res = await withoutSecret("GET", "/api/auth/me", {
      headers: { Authorization: `Bearer ${organizer.token}` },
    });
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.code).toBe("misconfigured");
  });
});
