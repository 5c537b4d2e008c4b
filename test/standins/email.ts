import { randomUUID } from "node:crypto";
import { bearer, json, type Provider, parseJson } from "./http.ts";
import { EMAIL_API_KEY } from "./keys.ts";

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const MAILBOX = /^(?:[^<>]*<([^<>]+)>|([^<>]+))$/;

/** `addr` or `Name <addr>`, as Resend accepts them. */
const validMailbox = (value: unknown): boolean => {
  const match = typeof value === "string" ? MAILBOX.exec(value.trim()) : null;
  return ADDRESS.test((match?.[1] ?? match?.[2] ?? "").trim());
};

const failure = (statusCode: number, name: string, message: string) =>
  json(statusCode, { statusCode, name, message });

/** Ids of sends by Idempotency-Key: a repeated key gets the first answer, nothing is resent. */
const sentByKey = new Map<string, string>();

const fieldProblem = (body: Record<string, unknown> | null): string | null => {
  if (!body) return "Invalid JSON body.";
  for (const field of ["from", "to", "subject"]) {
    if (!body[field]) return `Missing \`${field}\` field.`;
  }
  const to = Array.isArray(body.to) ? body.to : [body.to];
  if (!validMailbox(body.from)) return "Invalid `from` field.";
  if (to.length > 50 || !to.every(validMailbox)) return "Invalid `to` field.";
  return typeof body.text === "string" || typeof body.html === "string"
    ? null
    : "Missing `text` or `html` field.";
};

/** Resend `POST /emails`. */
export const email: Provider = (request) => {
  if (request.method !== "POST" || new URL(request.url).pathname !== "/emails") {
    return failure(404, "not_found", "The requested endpoint does not exist.");
  }
  const key = bearer(request);
  if (!key) return failure(401, "missing_api_key", "Missing API key in the authorization header.");
  if (key !== EMAIL_API_KEY) return failure(403, "invalid_api_key", "API key is invalid");
  const body = parseJson(request.body);
  const problem = fieldProblem(body);
  if (problem) return failure(422, "validation_error", problem);
  // A recipient named "outage@…" stands for the provider failing on its side.
  if (JSON.stringify(body?.to).includes("outage@")) {
    return failure(500, "application_error", "An unexpected error occurred.");
  }
  const idempotencyKey = request.headers["idempotency-key"];
  const id = (idempotencyKey && sentByKey.get(idempotencyKey)) || randomUUID();
  if (idempotencyKey) sentByKey.set(idempotencyKey, id);
  return json(200, { id });
};
