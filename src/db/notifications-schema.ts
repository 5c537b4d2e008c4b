import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { attendees } from "./accounts-schema";

export const DEVICE_PLATFORMS = ["ios", "android"] as const;

/** Push targets; a token the provider reports as unregistered is deleted. */
export const devices = sqliteTable(
  "devices",
  {
    id: text("id").primaryKey(),
    attendeeId: text("attendee_id")
      .notNull()
      .references(() => attendees.id, { onDelete: "cascade" }),
    platform: text("platform", { enum: DEVICE_PLATFORMS }).notNull(),
    token: text("token").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    check("devices_platform_check", sql`${t.platform} IN ('ios', 'android')`),
    uniqueIndex("devices_platform_token_unique").on(t.platform, t.token),
    index("devices_attendee_idx").on(t.attendeeId),
  ],
);

/**
 * Single-use WebSocket tickets: a minute-long stand-in for the attendee token in the
 * stream URL, so the long-lived secret never lands in logged URLs. Only a hash is kept.
 */
export const streamTickets = sqliteTable(
  "stream_tickets",
  {
    ticketHash: text("ticket_hash").primaryKey(),
    attendeeId: text("attendee_id")
      .notNull()
      .references(() => attendees.id, { onDelete: "cascade" }),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [
    index("stream_tickets_attendee_idx").on(t.attendeeId, t.expiresAt),
    index("stream_tickets_expires_idx").on(t.expiresAt),
  ],
);

/**
 * One notification per (domain event, attendee): what the attendee was told. Keyed by the
 * attendee, then when the change happened (the domain event's `occurredAt`, the same on
 * every redelivery) and the domain event (WITHOUT ROWID): the key is the attendee's list in
 * order and makes a redelivery find the row it made, so a notification writes one row and
 * no index entry.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").notNull(),
    domainEventId: text("domain_event_id").notNull(),
    attendeeId: text("attendee_id")
      .notNull()
      .references(() => attendees.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    eventId: text("event_id").notNull(),
    bookingId: text("booking_id"),
    createdAt: text("created_at").notNull(),
    /**
     * The channels that had nobody to reach, as JSON `[{ channel, recipient, error }]`: kept on the
     * notification instead of a delivery row each, since D1 bills every row and index entry.
     */
    skipped: text("skipped"),
    /**
     * When the invocation that made the row took its deliveries: until the lease is over,
     * no other claims a delivery the row has no record of.
     */
    claimedAt: text("claimed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.attendeeId, t.createdAt, t.domainEventId] })],
);

export const DELIVERY_CHANNELS = ["websocket", "push", "email"] as const;
export const DELIVERY_STATUSES = ["sent", "failed", "skipped"] as const;

/**
 * Each delivery recorded once: a redelivered queue message finds its row and does
 * not notify twice; a failed row is retried and its attempts counted. Keyed by the
 * attendee, notification, channel and recipient alone (WITHOUT ROWID): the one key serves
 * the claim, the list of a page of notifications and the attendee's deletion, and a
 * delivery writes one row. It goes with its attendee, as the notification does.
 */
export const deliveries = sqliteTable(
  "notification_deliveries",
  {
    id: text("id").notNull(),
    attendeeId: text("attendee_id")
      .notNull()
      .references(() => attendees.id, { onDelete: "cascade" }),
    notificationId: text("notification_id").notNull(),
    domainEventId: text("domain_event_id").notNull(),
    channel: text("channel", { enum: DELIVERY_CHANNELS }).notNull(),
    recipient: text("recipient").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    transport: text("transport"),
    error: text("error"),
    payload: text("payload"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    check(
      "deliveries_channel_check",
      sql`${t.channel} IN (${sql.raw(DELIVERY_CHANNELS.map((c) => `'${c}'`).join(", "))})`,
    ),
    check("deliveries_status_check", sql`${t.status} IN ('sent', 'failed', 'skipped')`),
    primaryKey({ columns: [t.attendeeId, t.notificationId, t.channel, t.recipient] }),
  ],
);

/**
 * Attendees with open notification sockets, kept by their hub: delivery calls only the
 * hubs listed here, so an audience of thousands does not wake thousands of idle hubs.
 */
export const notificationListeners = sqliteTable("notification_listeners", {
  attendeeId: text("attendee_id")
    .primaryKey()
    .references(() => attendees.id, { onDelete: "cascade" }),
  connections: integer("connections").notNull(),
  /** Orders the hub's writes, so a late one never overwrites a newer count. */
  version: integer("version").notNull(),
});

/** Domain events the queue gave up on, kept for inspection and replay. */
export const deadLetters = sqliteTable("dead_letters", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  body: text("body").notNull(),
  attempts: integer("attempts").notNull(),
  error: text("error"),
  failedAt: text("failed_at").notNull(),
});
