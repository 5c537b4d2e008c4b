import { z } from "@hono/zod-openapi";
import { EVENT_STATUSES } from "../domain/enums";
import { bodyBytes, MESSAGE_BYTES } from "../lib/queue-batches";
import { BookingSchema, PaymentSchema } from "./booking";

/** Where and when the event takes place, as of the change. */
const EventFacts = z.object({
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  country: z.string(),
});

const Seats = z.object({
  availableSeats: z.number().int(),
  bookedCount: z.number().int(),
  heldSeats: z.number().int().default(0),
  waitlistCount: z.number().int(),
  status: z.enum(EVENT_STATUSES),
});

/**
 * What each change carries beside its envelope. The ledger always sends `event` and
 * `seats`; they are optional because the consumer reads D1 for messages without them.
 */
const ChangeFacts = { event: EventFacts.optional(), seats: Seats.optional() };
/**
 * Messages queued before seats, holds and payments carry free bookings of one seat, never
 * held; those queued before ticket types carry no lines.
 */
const PublishedBooking = BookingSchema.extend({
  seats: z.number().int().default(1),
  expiresAt: z.string().nullable().default(null),
  payment: PaymentSchema.nullable().default(null),
  items: BookingSchema.shape.items.default([]),
  promoCode: z.string().nullable().default(null),
});
const BookingChange = z.object({
  ...ChangeFacts,
  booking: PublishedBooking.optional(),
  /** On a confirmed booking's `booking.confirmed` or `booking.promoted`: its tickets page. */
  ticketsUrl: z.string().optional(),
});
/**
 * The refund a `booking.refunded` tells of. `refundId` is the provider's confirmation; a
 * message without it was queued by an older ledger, for the consumer to refund first.
 */
const Refund = BookingChange.extend({
  refund: z
    .object({
      paymentIntentId: z.string(),
      amount: z.number().int(),
      currency: z.string(),
      refundId: z.string().optional(),
    })
    .optional(),
});
const EventEdit = z.object({
  ...ChangeFacts,
  changes: z.record(z.string(), z.unknown()).optional(),
  /**
   * Who to tell, when D1 can no longer say: a cancelled event's bookings are cancelled
   * with it, and a deleted event's are gone.
   */
  recipients: z.array(z.string()).optional(),
});
const Reminder = z.object(ChangeFacts);

const domainEvent = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    /** Unique per change: the consumer deduplicates redeliveries by it. */
    id: z.string(),
    type: z.literal(type),
    occurredAt: z.string(),
    eventId: z.string(),
    bookingId: z.string().optional(),
    attendeeId: z.string().optional(),
    data,
  });

/** One schema per domain event a ledger publishes to the notification queue. */
export const DomainEventSchema = z.discriminatedUnion("type", [
  domainEvent("booking.pending", BookingChange),
  domainEvent("booking.confirmed", BookingChange),
  domainEvent("booking.waitlisted", BookingChange),
  domainEvent("booking.promoted", BookingChange),
  domainEvent("booking.cancelled", BookingChange),
  domainEvent("booking.expired", BookingChange),
  domainEvent("booking.refunded", Refund),
  domainEvent("event.updated", EventEdit),
  domainEvent("event.cancelled", EventEdit),
  domainEvent("event.reminder", Reminder),
  domainEvent("event.sales_opened", Reminder),
  domainEvent("event.published", Reminder),
]);

export type DomainEvent = z.infer<typeof DomainEventSchema>;
export type NotificationType = DomainEvent["type"];
export const NOTIFICATION_TYPES = DomainEventSchema.options.map(
  (option) => option.shape.type.value,
) as readonly NotificationType[] as readonly [NotificationType, ...NotificationType[]];

/**
 * A ledger change: a published domain event, a change that only needs copying to D1, or
 * work handed to a workflow:
 * - `event.edited`; `booking.closed`, a booking cancelled with its event, whose attendee
 *   hears of it from the event's own `event.cancelled`; `booking.held`, a paid hold whose
 *   notice waits for its checkout link; `refund.failed`, a refund given up on;
 * - `refund.requested` and `checkout.expire`, published as workflow steps.
 */
export type ChangeType =
  | NotificationType
  | "event.edited"
  | "booking.closed"
  | "booking.held"
  | "refund.failed"
  | TicketChange
  | WorkflowChange;
/**
 * A check-in (`ticket.checked_in`, once per ticket), and a check-in moved back to an
 * earlier scan uploaded late (`ticket.check_in_moved`); copied to D1 with their booking's
 * tickets. Organizer-facing: no attendee is notified of them. `tickets.issued` is written
 * only by the ledger migration that issued tickets to bookings confirmed before it.
 */
export type TicketChange = "ticket.checked_in" | "ticket.check_in_moved" | "tickets.issued";
export type WorkflowChange = "refund.requested" | "checkout.expire";
export type ChangeData = z.infer<typeof BookingChange> &
  z.infer<typeof EventEdit> &
  Pick<z.infer<typeof Refund>, "refund"> & {
    /** The checkout session `checkout.expire` ends. */
    sessionId?: string;
    /** The ticket a `TicketChange` is about. */
    ticket?: TicketCheckIn;
  };

/** What `ticket.checked_in` carries: which ticket came through the door, when, by which scan. */
export const TicketCheckInSchema = z.object({
  id: z.string(),
  bookingId: z.string(),
  ticketTypeId: z.string(),
  checkedInAt: z.string(),
  scanId: z.string(),
});
export type TicketCheckIn = z.infer<typeof TicketCheckInSchema>;

/**
 * A change only organizers hear of: published for their webhooks, never to an attendee.
 * `ticket.checked_in` tells the door's scan of one ticket.
 */
export const OrganizerEventSchema = z.object({
  kind: z.literal("organizer-event"),
  domainEvent: z.object({
    id: z.string(),
    type: z.literal("ticket.checked_in"),
    occurredAt: z.string(),
    eventId: z.string(),
    bookingId: z.string().optional(),
    data: z.object({ ticket: TicketCheckInSchema }),
  }),
});
export type OrganizerEvent = z.infer<typeof OrganizerEventSchema>;
export const ORGANIZER_EVENT_TYPES = ["ticket.checked_in"] as const;

/** Every type an organizer's webhook endpoint may subscribe to, beside `*`. */
export const WEBHOOK_EVENT_TYPES = [
  ...NOTIFICATION_TYPES,
  ...ORGANIZER_EVENT_TYPES,
  "webhook.test",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What the consumer reads from a domain event's data; the rest is context it can do without. */
const ESSENTIAL_DATA = ["event", "booking", "ticketsUrl"] as const;

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
