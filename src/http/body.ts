import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { METHOD_NAME_ALL } from "hono/router";
import { problem } from "../lib/problem";
import type { AppEnv } from "./router";

export const MAX_BODY_BYTES = 64 * 1024;
/**
 * Routes that take more: a scanner's offline batch of 500 scans, each a signed ticket of
 * about 300 bytes with its scan id and time.
 */
const LARGER_BODIES: Readonly<Record<string, number>> = {
  "/api/events/:id/check-ins/batch": 512 * 1024,
};
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

const tooLarge = (maxBytes: number) =>
  problem("payload_too_large", `The body exceeds ${maxBytes} bytes.`);

/** Reads the body stream itself, so the limit holds for chunked bodies and lying Content-Length. */
const readLimited = async (
  body: ReadableStream<Uint8Array>,
  maxBytes = MAX_BODY_BYTES,
): Promise<Uint8Array> => {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
};

const decodeJson = (bytes: Uint8Array): unknown => {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw problem("invalid_json", "The body is not valid UTF-8 JSON.");
  }
};

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The path of the first string (or key) that is not well-formed Unicode, or null.
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
const illFormedPath = (root: unknown): string | null => {
  const pending: [unknown, string[]][] = [[root, []]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === "string") {
      if (LONE_SURROGATE.test(value)) return path.join(".");
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return [...path, key].join(".");
      pending.push([child, [...path, key]]);
    }
  }
  return null;
};

/** JSON may escape half of a surrogate pair; such text cannot be stored and read back as sent. */
const requireWellFormedText = (value: unknown) => {
  const path = illFormedPath(value);
  if (path === null) return;
  throw problem("validation_failed", "The request has invalid fields; see errors.", {
    errors: [{ path, message: "Must be well-formed Unicode (no lone surrogate)" }],
  });
};

/**
 * Guards every JSON route before validation: 415 for another media type, 413 past
 * 64 KiB, 400 for malformed JSON or a body that is not an object, 422 for text with
 * a lone surrogate. The parsed value is handed to the validators through Hono's body
 * cache, so the body is read once.
 */
export const jsonBody = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (!["POST", "PUT", "PATCH"].includes(c.req.method)) return next();
  // Only app-wide middleware matched: no route takes this body, so let the 404 answer.
  if (matchedRoutes(c).every((route) => route.method === METHOD_NAME_ALL)) return next();
  const maxBytes = Math.max(
    MAX_BODY_BYTES,
    ...matchedRoutes(c).map((route) => LARGER_BODIES[route.path] ?? 0),
  );
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const bytes = c.req.raw.body ? await readLimited(c.req.raw.body, maxBytes) : new Uint8Array();
  // Actions without a body (a stream ticket, a confirmation, interest, a follow) are called with a bare POST.
  if (mediaType === "" && bytes.byteLength === 0) return next();
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    throw problem("unsupported_media_type", "Send the body as application/json.");
  }
  const value = decodeJson(bytes);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw problem("invalid_json", "The body must be a JSON object.");
  }
  requireWellFormedText(value);
  c.req.bodyCache.json = Promise.resolve(value);
  return next();
};

/**
 * The body as the sender wrote it, for routes that check a signature over the exact
 * bytes (and so take no part in the JSON guard): 413 past `maxBytes`.
 */
export const rawText = async (request: Request, maxBytes: number): Promise<string> => {
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  return new TextDecoder().decode(await readLimited(request.body, maxBytes));
};
