import type { DeliveryOutcome } from "../types";

export const sent = (transport: string, payload: unknown): DeliveryOutcome => ({
  status: "sent",
  transport,
  payload,
});

export const unregistered = (transport: string, payload: unknown): DeliveryOutcome => ({
  status: "unregistered",
  transport,
  payload,
});

export const failed = (transport: string, error: string, payload?: unknown): DeliveryOutcome => ({
  status: "failed",
  transport,
  error,
  payload,
});

/** A success body nobody reads is released, so concurrent sends never wait on a connection. */
export const discard = async (res: Response): Promise<void> => {
  await res.body?.cancel();
};

/** An error answer's body, parsed when it is JSON; providers put the reason there. */
export const readBody = async (res: Response): Promise<unknown> => {
  const text = await res.text().catch(() => "");
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 300);
  }
};

/**
 * `HTTP <status>: <detail>` for a provider's answer, `network: <message>` when none came, so
 * whoever reads the outcome can tell a refusal (4xx, final) from a fault worth retrying.
 */
export const httpError = (status: number, detail: string): string =>
  `HTTP ${status}: ${detail}`.slice(0, 500);

/** `fetch`, whose failure to get any answer reads as `network: ...` in the outcome. */
export const post = async (url: string, init: Omit<RequestInit, "method">): Promise<Response> => {
  try {
    return await fetch(url, { ...init, method: "POST" });
  } catch (err) {
    throw new Error(`network: ${err instanceof Error ? err.message : String(err)}`);
  }
};

/** Some runtime errors quote the URL; `redact` keeps device tokens and keys out of outcomes. */
export const errorText = (err: unknown, ...redact: string[]): string => {
  let message = err instanceof Error ? err.message : String(err);
  for (const secret of redact) if (secret) message = message.replaceAll(secret, "[redacted]");
  return message.slice(0, 500);
};
