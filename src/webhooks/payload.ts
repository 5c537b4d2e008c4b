import type { DomainEvent, OrganizerEvent } from "../contracts/domain-events";

/** A change as webhooks carry it. */
export type WebhookSource = DomainEvent | OrganizerEvent["domainEvent"];

/**
 * What an attendee's messages need and a receiver must not get: the attendees a cancelled
 * event's notice names (the receiver lists bookings itself), an attendee's private tickets
 * link, and the consumer's own marks.
 */
const PRIVATE_KEYS = new Set(["recipients", "ticketsUrl", "truncated"]);

const withoutTicketsUrl = (booking: unknown) => {
  if (!booking || typeof booking !== "object") return booking;
  const { ticketsUrl: _, ...rest } = booking as Record<string, unknown>;
  return rest;
};

/**
 * The body every endpoint receives for one change: `{ type, timestamp, data }`, with the
 * booking as the API shows it (items, payment) and the event's facts, so a receiver needs
 * no call back to act on it.
 */
export const webhookBody = (source: WebhookSource): string => {
  const data: Record<string, unknown> = { eventId: source.eventId };
  if (source.bookingId) data.bookingId = source.bookingId;
  for (const [key, value] of Object.entries(source.data)) {
    if (PRIVATE_KEYS.has(key) || value === undefined) continue;
    data[key] = key === "booking" ? withoutTicketsUrl(value) : value;
  }
  return JSON.stringify({ type: source.type, timestamp: source.occurredAt, data });
};

/** The body of `POST /api/webhooks/{id}/test`: says which endpoint it checks, nothing more. */
export const testBody = (endpointId: string, at: string): string =>
  JSON.stringify({ type: "webhook.test", timestamp: at, data: { webhookId: endpointId } });
