import { DomainEventSchema } from "../contracts/domain-events";
import { AUDIENCE_TYPES, type AudienceType, type DomainEvent } from "./types";

/** Continues the expansion of an audience after the recipient `after` (keyset order). */
export interface ExpandMessage {
  kind: "expand";
  domainEvent: DomainEvent;
  after: string;
}

/** One slice of an audience: delivered, retried and deduplicated on its own. */
export interface ChunkMessage {
  kind: "chunk";
  domainEvent: DomainEvent;
  recipients: string[];
}

export type QueueBody = DomainEvent | ExpandMessage | ChunkMessage;

/** What the consumer does with one message: expand an audience or deliver to recipients. */
export type Job =
  | { kind: "expand"; domainEvent: DomainEvent & { type: AudienceType }; after: string }
  | { kind: "deliver"; domainEvent: DomainEvent; recipients: string[] };

/** A chunk never names more recipients than this; anything longer is not ours. */
export const MAX_CHUNK_RECIPIENTS = 100;

export const isAudienceType = (type: string): type is AudienceType =>
  (AUDIENCE_TYPES as readonly string[]).includes(type);

/** Checked against the one schema the ledgers publish with. */
const domainEventOf = (body: unknown): DomainEvent | null => {
  const parsed = DomainEventSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
};

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) &&
  value.length <= MAX_CHUNK_RECIPIENTS &&
  value.every((id) => typeof id === "string");

/** Reads a queue body into a job; null when it is none of the shapes this service sends. */
export const jobOf = (body: unknown): Job | null => {
  const b = body as {
    kind?: unknown;
    domainEvent?: unknown;
    after?: unknown;
    recipients?: unknown;
  } | null;
  if (b?.kind === "expand") {
    const de = domainEventOf(b.domainEvent);
    if (!de || !isAudienceType(de.type) || typeof b.after !== "string") return null;
    return { kind: "expand", domainEvent: { ...de, type: de.type }, after: b.after };
  }
  if (b?.kind === "chunk") {
    const de = domainEventOf(b.domainEvent);
    if (!de || !isIdList(b.recipients)) return null;
    return { kind: "deliver", domainEvent: de, recipients: b.recipients };
  }
  const de = domainEventOf(body);
  if (!de) return null;
  if (de.attendeeId) return { kind: "deliver", domainEvent: de, recipients: [de.attendeeId] };
  // A cancelled or deleted event names its audience, since its bookings are gone.
  const named = "recipients" in de.data ? de.data.recipients : undefined;
  if (named?.length) return { kind: "deliver", domainEvent: de, recipients: named };
  if (isAudienceType(de.type))
    return { kind: "expand", domainEvent: { ...de, type: de.type }, after: "" };
  return { kind: "deliver", domainEvent: de, recipients: [] };
};

/** The domain event as chunks carry it: only what delivery reads, so a chunk stays small. */
export const slimDomainEvent = (de: DomainEvent): DomainEvent => ({
  id: de.id,
  type: de.type,
  occurredAt: de.occurredAt,
  eventId: de.eventId,
  data: de.data.event === undefined ? {} : { event: de.data.event },
});
