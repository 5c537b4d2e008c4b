import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { anyone, bodyOf, client, expectProblem, raw } from "./client";
import { BASE, fromNewClient, registerOrganizer, unique } from "./helpers";

const LIMIT = 64 * 1024;
const ALLOWED_ORIGIN = "https://app.example.com";
const STACK_TRACE = /\bat .*:\d+:\d+|\.ts:\d+|\.js:\d+|Error:/;

/** Raw bytes and streams through the Worker's fetch handler, for bodies no typed call sends. */
const send = async (path: string, init: RequestInit & { duplex?: "half" }) => {
  const res = await exports.default.fetch(new Request(`${BASE}${path}`, init));
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, body, text };
};

/** Each call comes from a client of its own, as the attendees registering here would. */
const postJson = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  send(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...fromNewClient(), ...headers },
    body,
  });

/** A JSON object of exactly `size` bytes that would register an attendee if it were small enough. */
const jsonOfSize = (size: number) => {
  const shell = JSON.stringify({
    name: "John Doe",
    email: `${unique("big")}@example.com`,
    pad: "",
  });
  return `${shell.slice(0, -2)}${"x".repeat(size - shell.length)}"}`;
};

/** Serves the body in 8 KiB chunks and stops as soon as the reader gives up. */
const chunkedStream = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 8192));
      offset += 8192;
    },
  });
};

/** Runs one request through a fresh app with a broken environment, to reach the 5xx paths. */
const withEnv = async (overrides: Partial<Env>, path: string, init: RequestInit = {}) => {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(
    new Request(`${BASE}${path}`, init),
    { ...env, ...overrides } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text), text };
};

describe("unknown routes", () => {
  it.each([
    ["GET", "/nope"],
    ["GET", "/api/nope"],
    ["POST", "/api/events/some-id/nope"],
    ["PUT", "/api/auth/me"],
  ])("%s %s answers 404 not_found as problem+json", async (method, path) => {
    // Raw: the typed client offers only routes that exist.
    const res = await raw(method, path, method === "POST" ? { body: {} } : {});
    await expectProblem(res, 404, "not_found");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.type).toBe("about:blank");
  });
});

describe("unknown routes with a body", () => {
  it.each([
    ["a text/plain body", { "Content-Type": "text/plain" }, "hello"],
    ["malformed JSON", { "Content-Type": "application/json" }, "{"],
    ["a JSON array", { "Content-Type": "application/json" }, "[]"],
  ])("answer 404 not_found for %s, not a body error", async (_, headers, body) => {
    for (const path of ["/api/nope", "/api/events/some-id"]) {
      await expectProblem(await send(path, { method: "POST", headers, body }), 404, "not_found");
    }
  });
});

describe("JSON bodies", () => {
  it("answers 400 invalid_json for malformed JSON, and stores nothing", async () => {
    const email = `${unique("malformed")}@example.com`;
    const res = await postJson("/api/attendees", `{"name": "John", "email": "${email}"`);
    await expectProblem(res, 400, "invalid_json");
    const retried = await client({ headers: fromNewClient() }).api.attendees.$post({
      json: { name: "John", email },
    });
    expect(retried.status).toBe(201);
  });

  it.each([
    ["an array", "[]"],
    ["a string", '"hello"'],
    ["a number", "42"],
    ["null", "null"],
    ["nothing", ""],
  ])("answers 400 invalid_json for %s", async (_, body) => {
    await expectProblem(await postJson("/api/attendees", body), 400, "invalid_json");
  });

  it("answers 400 invalid_json for bytes that are not UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    await expectProblem(await postJson("/api/attendees", bytes), 400, "invalid_json");
  });

  it("answers 415 unsupported_media_type for a text/plain body", async () => {
    const res = await send("/api/attendees", {
      method: "POST",
      headers: { "Content-Type": "text/plain", ...fromNewClient() },
      body: JSON.stringify({ name: "John", email: `${unique("plain")}@example.com` }),
    });
    await expectProblem(res, 415, "unsupported_media_type");
  });

  it("answers 415 for a body without Content-Type", async () => {
    const res = await send("/api/attendees", {
      method: "POST",
      headers: fromNewClient(),
      body: new Uint8Array([0x7b, 0x7d]),
    });
    await expectProblem(res, 415, "unsupported_media_type");
  });

  it("accepts application/json with a charset", async () => {
    const res = await postJson(
      "/api/attendees",
      JSON.stringify({ name: "John", email: `${unique("charset")}@example.com` }),
      { "Content-Type": "application/json; charset=utf-8" },
    );
    expect(res.status).toBe(201);
  });

  it("answers 413 payload_too_large for a body over 64 KiB with Content-Length", async () => {
    const body = jsonOfSize(LIMIT + 1);
    const res = await postJson("/api/attendees", body, { "Content-Length": String(body.length) });
    await expectProblem(res, 413, "payload_too_large");
  });

  it("answers 413 for a body declared over 64 KiB", async () => {
    const res = await postJson("/api/attendees", "{}", { "Content-Length": String(LIMIT + 1) });
    await expectProblem(res, 413, "payload_too_large");
  });

  it("answers 413 for a chunked body over 64 KiB that declares no length", async () => {
    const request = new Request(`${BASE}/api/attendees`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...fromNewClient() },
      body: chunkedStream(jsonOfSize(LIMIT + 1)),
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const res = await exports.default.fetch(request);
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as any).code).toBe("payload_too_large");
  });

  it("accepts a body of exactly 64 KiB, streamed or not", async () => {
    const plain = await postJson("/api/attendees", jsonOfSize(LIMIT));
    expect(plain.status).toBe(201);
    const streamed = await send("/api/attendees", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...fromNewClient() },
      body: chunkedStream(jsonOfSize(LIMIT)),
      duplex: "half",
    });
    expect(streamed.status).toBe(201);
  });
});

describe("X-Request-Id", () => {
  it("is generated when absent, on success and on errors", async () => {
    const ok = await anyone.health.$get();
    const missing = await raw("GET", "/nope");
    const first = ok.headers.get("x-request-id");
    expect(first).toMatch(/^\S{8,}$/);
    expect(missing.headers.get("x-request-id")).toMatch(/^\S{8,}$/);
    expect(missing.headers.get("x-request-id")).not.toBe(first);
  });

  it("echoes the caller's id", async () => {
    const id = unique("req");
    const caller = client({ headers: { "X-Request-Id": id } });
    const res = await caller.health.$get();
    expect(res.headers.get("x-request-id")).toBe(id);
    const failed = await caller.api.events.$get({ query: { limit: "0" } });
    await expectProblem(failed, 422, "validation_failed");
    expect(failed.headers.get("x-request-id")).toBe(id);
  });
});

describe("CORS", () => {
  it("allows the configured origin", async () => {
    const res = await client({ headers: { Origin: ALLOWED_ORIGIN } }).api.events.$get({
      query: {},
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(res.headers.get("vary")).toMatch(/origin/i);
    expect(res.headers.get("access-control-expose-headers")).toMatch(/location/i);
  });

  it("allows the configured origin on error responses too", async () => {
    const res = await client({ headers: { Origin: ALLOWED_ORIGIN } }).api.auth.me.$get();
    await expectProblem(res, 401, "unauthorized");
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
  });

  it("does not allow another origin", async () => {
    const res = await client({ headers: { Origin: "https://evil.example" } }).api.events.$get({
      query: {},
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight for the allowed origin", async () => {
    // Raw: a preflight is the browser's request, not one of the API's routes.
    const res = await raw("OPTIONS", "/api/events", {
      headers: {
        Origin: ALLOWED_ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(res.headers.get("access-control-allow-methods")).toMatch(/POST/);
    const allowedHeaders = res.headers.get("access-control-allow-headers")?.toLowerCase() ?? "";
    expect(allowedHeaders).toContain("authorization");
    expect(allowedHeaders).toContain("content-type");
    expect(allowedHeaders).toContain("idempotency-key");
  });

  it("answers a preflight from another origin without allowing it", async () => {
    const res = await raw("OPTIONS", "/api/events", {
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows every origin only when configured with *", async () => {
    const any = await withEnv({ CORS_ORIGINS: "*" }, "/health", {
      headers: { Origin: "https://anyone.example" },
    });
    expect(any.headers.get("access-control-allow-origin")).toBe("*");
    const none = await withEnv({ CORS_ORIGINS: "" }, "/health", {
      headers: { Origin: ALLOWED_ORIGIN },
    });
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("GET /health", () => {
  it("answers 200 ok when D1 answers", async () => {
    const res = await anyone.health.$get();
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await bodyOf(res, 200)).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 with db error when D1 is unavailable", async () => {
    const res = await withEnv({ DB: undefined as unknown as D1Database }, "/health");
    expect(res.status).toBe(503);
    expect(res.body.db).toBe("error");
    expect(res.text).not.toMatch(STACK_TRACE);
  });
});

describe("500 answers", () => {
  it("carry internal_error without internals", async () => {
    const organizer = await registerOrganizer();
    const res = await withEnv({ DB: undefined as unknown as D1Database }, "/api/events/abc", {
      headers: { Authorization: `Bearer ${organizer.token}` },
    });
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toEqual({
      type: "about:blank",
      title: expect.any(String),
      status: 500,
      detail: expect.any(String),
      code: "internal_error",
    });
    expect(res.text).not.toMatch(STACK_TRACE);
    expect(res.text).not.toMatch(/undefined|prepare|TypeError/);
  });
});

describe("GET /openapi.json", () => {
  const contractPaths: Record<string, string[]> = {
    "/api/auth/register": ["post"],
    "/api/auth/login": ["post"],
    "/api/auth/me": ["get", "patch", "delete"],
    "/api/events": ["get", "post"],
    "/api/events/{id}": ["get", "patch", "put", "delete"],
    "/api/attendees": ["get", "post"],
    "/api/attendees/{id}": ["get", "patch", "delete"],
    "/health": ["get"],
  };

  it("serves an OpenAPI 3.1 document with the bearer scheme and every contract path", async () => {
    // Raw: the document is served beside the API's routes, not as one of them.
    const res = await raw("GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    for (const [path, methods] of Object.entries(contractPaths)) {
      expect(Object.keys(doc.paths), path).toContain(path);
      for (const method of methods)
        expect(doc.paths[path], `${method} ${path}`).toHaveProperty(method);
    }
  });

  it("declares the bearer requirement on protected operations", async () => {
    const { body: doc } = await raw("GET", "/openapi.json");
    for (const [path, method] of [
      ["/api/auth/me", "get"],
      ["/api/auth/me", "patch"],
      ["/api/auth/me", "delete"],
      ["/api/notifications/stream-ticket", "post"],
      ["/api/events", "post"],
      ["/api/events/{id}", "patch"],
      ["/api/attendees", "get"],
    ] as const) {
      expect(doc.paths[path][method].security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
    }
  });
});
