import { exports } from "cloudflare:workers";
import type { z } from "@hono/zod-openapi";
import { hc } from "hono/client";
import { expect } from "vitest";
import type { AppType } from "../src/app";
import type { ProblemSchema } from "../src/http/schemas/common";
import type { ProblemCode } from "../src/lib/problem";
import { declaredAnswer, type OpenApiDocument, undeclaredFields } from "./declared-fields";

/** The origin every test request is sent to; the Worker answers it through its fetch handler. */
export const BASE = "http://api.test";

export interface ClientOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Idempotency-Key, CF-Connecting-IP, X-Request-Id…: sent with every request. */
  headers?: Record<string, string>;
}

let document: Promise<OpenApiDocument> | undefined;
const openapi = () => {
  document ??= exports.default
    .fetch(new Request(`${BASE}/openapi.json`))
    .then((res) => res.json<OpenApiDocument>());
  return document;
};

/** A successful JSON answer must carry only the fields the document declares for it. */
const expectDeclaredFields = async (request: Request, res: Response) => {
  if (res.status >= 300 || !res.headers.get("content-type")?.includes("application/json")) return;
  const doc = await openapi();
  const { pathname } = new URL(request.url);
  const schema = declaredAnswer(doc, request.method, pathname, res.status);
  if (!schema) return;
  const extra = undeclaredFields(doc, schema, await res.clone().json());
  if (extra.length > 0) {
    expect.fail(`${request.method} ${pathname} ${res.status} answered undeclared fields: ${extra}`);
  }
};

/** The Worker's real fetch handler, as a client reaches it over HTTP. */
const worker = async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const res = await exports.default.fetch(request.clone());
  await expectDeclaredFields(request, res);
  return res;
};

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

/** A booking as the API presents it. */
export type Booking = Awaited<ReturnType<typeof bodyOf<BookingAnswer, 201>>>;
type BookingAnswer = Awaited<ReturnType<ReturnType<typeof as>["api"]["bookings"]["$post"]>>;

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

/** An answer read once: for each status the route declares, the body it declares for it. */
export type Settled<R extends Answer> = R extends Answer
  ? { status: R["status"]; headers: Headers; body: Awaited<ReturnType<R["json"]>> }
  : never;

/**
 * Reads an answer whose status a test does not know in advance (a race's, a retry's): the
 * result narrows by `status` like the answer itself, and its body can be read many times.
 */
export const settle = async <R extends Answer>(res: R | Promise<R>): Promise<Settled<R>> => {
  const answer = await res;
  return {
    status: answer.status,
    headers: answer.headers,
    body: await answer.json(),
  } as Settled<R>;
};

/** The body of a settled answer that must have `status`, typed as the route declares it. */
export const bodyIn = <A extends { status: number; body: unknown }, S extends A["status"]>(
  answer: A,
  status: S,
): Extract<A, { status: S }>["body"] => {
  if (answer.status !== status) {
    expect.fail(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
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

type Read = { status: number; headers: Headers; body: unknown };

/** The text of an answer, whether still to read, read by `raw`, or settled. */
const textOf = async (res: Answer | RawAnswer | Read): Promise<string> => {
  if (typeof (res as RawAnswer).text === "string") return (res as RawAnswer).text;
  if (typeof (res as Answer).json === "function") return (res as unknown as Response).text();
  return JSON.stringify((res as Read).body);
};

/**
 * Asserts a problem document (RFC 9457) with this status and code, typed, raw or settled,
 * and returns it for further checks (`errors`, `detail`). The code is one the API defines, so
 * a misspelt one fails to compile rather than to match. Async: always `await` it.
 */
export const expectProblem = async (
  res: Answer | RawAnswer | Read,
  status: number,
  code: ProblemCode,
): Promise<z.infer<typeof ProblemSchema>> => {
  const text = await textOf(res);
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
