import type { DomainEvent } from "./types";

/** Queues refuses a message body over 128 KB and a sendBatch over 256 KB or 100 messages. */
export const MESSAGE_BYTES = 128 * 1024;
export const BATCH_BYTES = 256 * 1024;
export const BATCH_MESSAGES = 100;
/** Room kept per message for what the service adds to the body (content type, ids). */
export const MESSAGE_OVERHEAD_BYTES = 256;

const encoder = new TextEncoder();

export const bodyBytes = (body: unknown): number =>
  encoder.encode(JSON.stringify(body)).byteLength + MESSAGE_OVERHEAD_BYTES;

/** What the consumer reads from a domain event's data; the rest is context it can do without. */
const ESSENTIAL_DATA = ["event", "booking"] as const;

/**
 * Keeps a domain event under the message limit. An `event.updated` whose changes carry a
 * long description would otherwise be refused by the queue on every try and hold back
 * every later change of its event; the recipients' messages never need those texts.
 */
export const fitDomainEvent = (domainEvent: DomainEvent): DomainEvent => {
  if (bodyBytes(domainEvent) <= MESSAGE_BYTES) return domainEvent;
  const carried = domainEvent.data as Record<string, unknown>;
  const data: Record<string, unknown> = { truncated: true };
  for (const key of ESSENTIAL_DATA) data[key] = carried[key];
  // The schema strips what it does not know: `truncated` is for whoever reads the queue.
  const slim = { ...domainEvent, data } as unknown as DomainEvent;
  // Without the event details the consumer reads them from D1.
  return bodyBytes(slim) <= MESSAGE_BYTES
    ? slim
    : ({ ...domainEvent, data: { truncated: true } } as unknown as DomainEvent);
};

/** Splits messages into sendBatch calls that respect both the count and the byte limit. */
export const packBatches = <T extends { body: unknown }>(messages: T[]): T[][] => {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = bodyBytes(message.body);
    if (current.length === BATCH_MESSAGES || (current.length > 0 && bytes + size > BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};

/** Sends every message, as many sendBatch calls as the limits require. */
export const sendAll = async (queue: Queue, bodies: unknown[]): Promise<void> => {
  const messages = bodies.map((body) => ({ body, contentType: "json" as const }));
  for (const batch of packBatches(messages)) await queue.sendBatch(batch);
};
