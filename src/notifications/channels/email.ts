import type { EmailMessage, EmailTransport } from "../types";
import { discard, errorText, failed, httpError, post, readBody, sent } from "./http";
import { recordingEmailTransport } from "./record";

type EmailEnv = Pick<Env, "EMAIL_API_URL" | "EMAIL_FROM" | "EMAIL_API_KEY">;

/**
 * A message may carry the key of the notification it delivers: the provider then drops a
 * second send with the same key, so a retried queue message cannot email twice.
 */
export interface KeyedEmailMessage extends EmailMessage {
  idempotencyKey?: string;
}

const NAME_NEEDS_QUOTES = /[()<>[\]:;@\\,."]/;

/** `Name <address>` as RFC 5322 spells it: a name with specials is quoted, never split. */
export const mailbox = (address: string, name: string): string => {
  const clean = name.replace(/[\r\n]+/g, " ").trim();
  if (!clean) return address;
  const display = NAME_NEEDS_QUOTES.test(clean) ? `"${clean.replace(/["\\]/g, "\\$&")}"` : clean;
  return `${display} <${address}>`;
};

/** Resend's error body is `{ statusCode, name, message }`; compatible APIs follow it. */
const describe = (body: unknown): string => {
  if (body && typeof body === "object") {
    const { name, message } = body as { name?: unknown; message?: unknown };
    return [name, message].filter((part) => typeof part === "string").join(": ") || "error";
  }
  return typeof body === "string" && body ? body : "error";
};

const NAME = "resend";

const apiTransport = (env: EmailEnv, apiKey: string): EmailTransport => ({
  name: NAME,
  async send(message: KeyedEmailMessage) {
    const { subject, text, html } = message;
    const payload = {
      from: env.EMAIL_FROM,
      to: [mailbox(message.to, message.toName)],
      subject,
      text,
      html,
    };
    const headers: Record<string, string> = {
      Authorization: `Bearer ${apiKey}`,
      "Content-Type": "application/json",
    };
    if (message.idempotencyKey) headers["Idempotency-Key"] = message.idempotencyKey;
    try {
      const res = await post(env.EMAIL_API_URL, { headers, body: JSON.stringify(payload) });
      if (res.ok) return discard(res).then(() => sent(NAME, payload));
      return failed(NAME, httpError(res.status, describe(await readBody(res))), payload);
    } catch (err) {
      return failed(NAME, errorText(err, apiKey), payload);
    }
  },
});

/** The provider's HTTP API when a key is configured; otherwise record what would be sent. */
export const emailTransport = (env: EmailEnv): EmailTransport =>
  env.EMAIL_API_KEY ? apiTransport(env, env.EMAIL_API_KEY) : recordingEmailTransport;
