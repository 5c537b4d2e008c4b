import type { Language } from "../domain/languages";

/** The domain events the notification service consumes are defined where ledgers publish them. */
export {
  type DomainEvent,
  NOTIFICATION_TYPES,
  type NotificationType,
} from "../contracts/domain-events";

import type { NotificationType } from "../contracts/domain-events";

/**
 * Domain events addressed to an audience rather than one attendee: the consumer expands
 * them page by page into chunks of recipients instead of delivering them in one go.
 */
export const AUDIENCE_TYPES = [
  "event.updated",
  "event.cancelled",
  "event.reminder",
  "event.sales_opened",
  "event.published",
] as const satisfies readonly NotificationType[];
export type AudienceType = (typeof AUDIENCE_TYPES)[number];

/** What every template may use; dates are ISO 8601 UTC and formatted per locale when rendered. */
export interface TemplateData {
  attendeeName: string;
  eventTitle: string;
  startDate: string;
  endDate: string;
  country: string;
  countryName: string;
  waitlistPosition?: number | null;
  /** The booking's seats, and until when a pending booking holds them. */
  seats?: number | null;
  expiresAt?: string | null;
  /** A paid booking's price in minor units, and where it is paid while it awaits payment. */
  amount?: number | null;
  currency?: string | null;
  checkoutUrl?: string | null;
  /** The booking's lines: which ticket types, how many of each. */
  items?: readonly { name: string; quantity: number }[] | null;
  /** A confirmed booking's tickets page, when the announcement carries it. */
  ticketsUrl?: string | null;
  /** IANA zone for formatting dates, when enrichment found one; UTC otherwise. */
  timeZone?: string;
}

export { LANGUAGES, type Language } from "../domain/languages";

export interface RenderedMessage {
  /** The language actually used after fallback (`fr-CA` → `fr` → `en`). */
  language: Language;
  subject: string;
  text: string;
  html: string;
}

export interface EmailMessage {
  /** Lets the provider drop a repeat of the same notification. */
  idempotencyKey?: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
}

export interface PushMessage {
  title: string;
  body: string;
  /** Flat string map, as both FCM and APNs custom data expect. */
  data: Record<string, string>;
}

export interface Device {
  id: string;
  platform: "ios" | "android";
  token: string;
}

/**
 * What a transport reports. `unregistered` means the provider says the device token is
 * dead: the device is removed. `payload` is what was (or would have been) sent, kept in
 * the delivery log.
 */
export interface DeliveryOutcome {
  status: "sent" | "failed" | "unregistered";
  transport: string;
  error?: string;
  payload?: unknown;
}

export interface EmailTransport {
  readonly name: string;
  send(message: EmailMessage): Promise<DeliveryOutcome>;
}

export interface PushTransport {
  readonly name: string;
  send(device: Device, message: PushMessage): Promise<DeliveryOutcome>;
}
