/**
 * The statuses of the domain, declared once: D1's checks, the ledger's rows, the API's
 * schemas and the domain events all take them from here.
 */

export const EVENT_STATUSES = ["scheduled", "ongoing", "completed", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const BOOKING_STATUSES = [
  "pending",
  "confirmed",
  "waitlisted",
  "cancelled",
  "expired",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * `refund_pending`: a refund is decided and handed to the provider, retried until it
 * confirms; `refund_failed`: the provider still refused after days of retries.
 */
export const PAYMENT_STATUSES = [
  "requires_payment",
  "paid",
  "failed",
  "refund_pending",
  "refunded",
  "refund_failed",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * Who placed a booking: the attendee, or the event's organizer for them. Only the
 * attendee's own bookings show the organizer their contact details.
 */
export const BOOKED_BY = ["attendee", "organizer"] as const;
export type BookedBy = (typeof BOOKED_BY)[number];

/** A ticket: good for the door, through it once, or no longer admitting. */
export const TICKET_STATUSES = ["valid", "checked_in", "revoked"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** What a scanner is told about one scan: an answer, never an error. */
export const SCAN_RESULTS = [
  "ok",
  "already_checked_in",
  "revoked",
  "invalid",
  "wrong_event",
] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

/** A webhook delivery: still being tried, received (a 2xx), or given up on. */
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Why the service turned an endpoint off: it answered 410 Gone, or failed for days. */
export const WEBHOOK_DISABLED_REASONS = ["gone", "failing"] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];
