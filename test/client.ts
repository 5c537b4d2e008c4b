import { exports } from "cloudflare:workers";
import type { z } from "@hono/zod-openapi";
import { hc } from "hono/client";
import { expect } from "vitest";
import type { AppType } from "../src/app";
import type { ProblemSchema } from "../src/http/schemas/common";
import type { ProblemCode } from "../src/lib/problem";
import { BASE } from "./helpers";

export interface ClientOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Idempotency-Key, CF-Connecting-IP, X-Request-Id…: sent with every request. */
  headers?: Record<string, string>;
}

/** The Worker's real fetch handler, as a client reaches it over HTTP. */
const worker = (input: RequestInfo | URL, init?: RequestInit) =>
  exports.default.fetch(new Request(input, init));

/**
 * A client typed from the app: every path, parameter, query, JSON body and per-status
 * answer is checked by the compiler, and each request goes through the Worker's fetch handler.
 */
export const client = ({ token, headers }: ClientOptions = {}) =>
  hc<AppType>(BASE, {
    fetch: worker,
    headers: token ? { ...headers, Authorization: `Bearer ${token}` } : { ...headers },
  });

/** The client of whoever holds `token` (an organizer's JWT or an attendee's token). */
export const as = (token: string, headers?: Record<string, string>) => client({ token, headers });

/** A caller without a token. */
export const anyone = client();

/** A typed answer, whatever the route: narrowed by its `status`. */
type Answer = { status: number; headers: Headers; json(): Promise<unknown> };

/**
 * The body of an answer that must have `status`; any other status fails the test and shows
 * what the API answered. The body's type is the one the route declares for that status.
 */
export const bodyOf = async <R extends Answer, S extends R["status"]>(
  res: R,
  status: S,
): Promise<Awaited<ReturnType<Extract<R, { status: S }>["json"]>>> => {
  if (res.status !== status) {
    expect.fail(
      `expected ${status}, got ${res.status}: ${await (res as unknown as Response).text()}`,
    );
  }
  return (await res.json()) as Awaited<ReturnType<Extract<R, { status: S }>["json"]>>;
};

/** What `raw` answers: the bytes as text, and the JSON they hold when they hold any. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/**
 * The untyped way in, for what a typed call cannot send on purpose: malformed JSON, wrong
 * types, oversized bodies, odd headers or methods. `body` is sent as is when a string.
 */
export const raw = async (
  method: string,
  path: string,
  init: { token?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<RawAnswer> => {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await worker(`${BASE}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {}
  return { status: res.status, headers: res.headers, text, body: parsed };
};

const isRaw = (res: Answer | RawAnswer): res is RawAnswer =>
  typeof (res as RawAnswer).text === "string";

/**
 * Asserts a problem document (RFC 9457) with this status and code, typed or raw, and
 * returns it for further checks (`errors`, `detail`). The code is one the API defines, so a
 * misspelt one fails to compile rather than to match. Async: always `await` it.
 */
export const expectProblem = async (
  res: Answer | RawAnswer,
  status: number,
  code: ProblemCode,
): Promise<z.infer<typeof ProblemSchema>> => {
  const text = isRaw(res) ? res.text : await (res as unknown as Response).text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {}
  const ok =
    res.status === status &&
    res.headers.get("content-type")?.startsWith("application/problem+json") &&
    body?.code === code &&
    body?.status === status &&
    typeof body?.title === "string" &&
    typeof body?.detail === "string";
  if (!ok) {
    expect.fail(
      `expected ${status} ${code}, got ${res.status} ${res.headers.get("content-type")} ${text}`,
    );
  }
  return body;
};
