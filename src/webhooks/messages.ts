import type { WebhookDisabledReason } from "../domain/enums";

/** Make attempt `attempt` of one delivery once `dueAt` (ms) has come. */
export interface AttemptMessage {
  kind: "webhook.attempt";
  deliveryId: string;
  attempt: number;
  dueAt: number;
  /** Asked for by the organizer: made even while the endpoint is turned off. */
  manual?: true;
}

/**
 * The domain event of an endpoint the service turned off; its organizer is told by email,
 * in the language the endpoint was created in.
 */
export interface DisabledNotice {
  kind: "webhook.disabled";
  id: string;
  endpointId: string;
  organizerId: string;
  url: string;
  reason: WebhookDisabledReason;
  language: string;
  occurredAt: string;
}

export type WebhookMessage = AttemptMessage | DisabledNotice;

const isRecord = (body: unknown): body is Record<string, unknown> =>
  typeof body === "object" && body !== null;

export const isAttemptMessage = (body: unknown): body is AttemptMessage =>
  isRecord(body) &&
  body.kind === "webhook.attempt" &&
  typeof body.deliveryId === "string" &&
  Number.isInteger(body.attempt) &&
  typeof body.dueAt === "number";

export const isDisabledNotice = (body: unknown): body is DisabledNotice =>
  isRecord(body) &&
  body.kind === "webhook.disabled" &&
  typeof body.id === "string" &&
  typeof body.organizerId === "string" &&
  typeof body.url === "string";

export const isWebhookMessage = (body: unknown): body is WebhookMessage =>
  isAttemptMessage(body) || isDisabledNotice(body);

export const attemptMessage = (
  deliveryId: string,
  attempt: number,
  dueAt: number,
  manual = false,
): AttemptMessage => ({
  kind: "webhook.attempt",
  deliveryId,
  attempt,
  dueAt,
  ...(manual ? { manual: true as const } : {}),
});
