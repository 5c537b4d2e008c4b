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

/** Accounts that publish and manage events (the API consumers of the seeds). */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["organizer"] })
      .notNull()
      .default("organizer"),
    createdAt: text("created_at").notNull(),
    /** Unix seconds of the last password change: tokens issued at or before it are refused. */
    passwordChangedAt: integer("password_changed_at"),
    /** Set when the account is being deleted: its tokens are refused and it creates nothing more. */
    closedAt: text("closed_at"),
  },
  (t) => [check("users_role_check", sql`${t.role} IN ('organizer')`)],
);

/** People who book; they register without an account and hold an opaque token. */
export const attendees = sqliteTable(
  "attendees",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** `name` folded for search (see lib/search); NULL until the backfill reaches older rows. */
    nameFolded: text("name_folded"),
    email: text("email").notNull().unique(),
    locale: text("locale").notNull().default("en"),
    tokenHash: text("token_hash").notNull().unique(),
    notifyEmail: integer("notify_email", { mode: "boolean" }).notNull().default(true),
    notifyPush: integer("notify_push", { mode: "boolean" }).notNull().default(true),
    notifyWebsocket: integer("notify_websocket", { mode: "boolean" }).notNull().default(true),
    /**
     * Set when the attendee asks to be deleted: from then on they are gone for every
     * read and token, and D1 refuses new active bookings of theirs while the ledgers
     * release the ones it holds. The row goes once none is left.
     */
    leavingAt: text("leaving_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("attendees_name_idx").on(t.name),
    index("attendees_unfolded_idx").on(t.id).where(sql`${t.nameFolded} IS NULL`),
  ],
);

export const EVENT_STATUSES = ["scheduled", "ongoing", "completed", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    organizerId: text("organizer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** `title` folded for search (see lib/search); NULL until the backfill reaches older rows. */
    titleFolded: text("title_folded"),
    description: text("description"),
    country: text("country").notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    capacity: integer("capacity").notNull(),
    waitlistEnabled: integer("waitlist_enabled", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("scheduled"),
    bookedCount: integer("booked_count").notNull().default(0),
    waitlistCount: integer("waitlist_count").notNull().default(0),
    /** Seats of pending bookings: held until their expiry, counted as taken. */
    heldSeats: integer("held_seats").notNull().default(0),
    maxSeatsPerBooking: integer("max_seats_per_booking").notNull().default(10),
    holdMinutes: integer("hold_minutes").notNull().default(15),
    /** Null: bookings open at once. */
    salesStartAt: text("sales_start_at"),
    /** Null: bookings close when the event starts. */
    salesEndAt: text("sales_end_at"),
    /** Kept by triggers on event_interests, so cascaded deletes count too. */
    interestCount: integer("interest_count").notNull().default(0),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    check("events_capacity_check", sql`${t.capacity} BETWEEN 1 AND 100000`),
    check(
      "events_status_check",
      sql`${t.status} IN ('scheduled', 'ongoing', 'completed', 'cancelled')`,
    ),
    check("events_dates_check", sql`${t.endDate} > ${t.startDate}`),
    check("events_country_check", sql`length(${t.country}) = 2`),
    check("events_counts_check", sql`${t.bookedCount} >= 0 AND ${t.waitlistCount} >= 0`),
    index("events_start_date_idx").on(t.startDate, t.id),
    index("events_created_at_idx").on(t.createdAt, t.id),
    index("events_title_idx").on(t.title, t.id),
    index("events_capacity_idx").on(t.capacity, t.id),
    index("events_country_start_idx").on(t.country, t.startDate),
    index("events_status_start_idx").on(t.status, t.startDate),
    index("events_organizer_start_idx").on(t.organizerId, t.startDate),
    index("events_unfolded_idx").on(t.id).where(sql`${t.titleFolded} IS NULL`),
  ],
);

/** Attendees who want to hear when an event's sales open. */
export const eventInterests = sqliteTable(
  "event_interests",
  {
    eventId: text("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    attendeeId: text("attendee_id")
      .notNull()
      .references(() => attendees.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.attendeeId] }),
    index("event_interests_attendee_created_idx").on(t.attendeeId, t.createdAt),
  ],
);

/** Attendees who want to hear of every new event of an organizer. */
export const organizerFollows = sqliteTable(
  "organizer_follows",
  {
    organizerId: text("organizer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    attendeeId: text("attendee_id")
      .notNull()
      .references(() => attendees.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizerId, t.attendeeId] }),
    index("organizer_follows_attendee_created_idx").on(t.attendeeId, t.createdAt),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type AttendeeRow = typeof attendees.$inferSelect;
export type EventRow = typeof events.$inferSelect;

export const BOOKING_STATUSES = [
  "pending",
  "confirmed",
  "waitlisted",
  "cancelled",
  "expired",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * The queryable copy of every event ledger. Only the event's Durable Object writes
 * here; the partial unique index is a second line of defence against double booking.
 */
export const bookings = sqliteTable(
  "bookings",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    attendeeId: text("attendee_id")
      .notNull()
      .references(() => attendees.id, { onDelete: "cascade" }),
    status: text("status", { enum: BOOKING_STATUSES }).notNull(),
    seats: integer("seats").notNull().default(1),
    /** Set while pending: when the hold on its seats lapses. */
    expiresAt: text("expires_at"),
    /** Arrival order within the event: the waitlist is served by ascending queueSeq. */
    queueSeq: integer("queue_seq").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    check(
      "bookings_status_check",
      sql`${t.status} IN ('pending', 'confirmed', 'waitlisted', 'cancelled', 'expired')`,
    ),
    check("bookings_seats_check", sql`${t.seats} BETWEEN 1 AND 100`),
    uniqueIndex("bookings_active_unique")
      .on(t.eventId, t.attendeeId)
      .where(sql`${t.status} IN ('pending', 'confirmed', 'waitlisted')`),
    index("bookings_event_status_queue_idx").on(t.eventId, t.status, t.queueSeq),
    index("bookings_event_created_idx").on(t.eventId, t.createdAt),
    index("bookings_attendee_created_idx").on(t.attendeeId, t.createdAt),
  ],
);

/**
 * Binds an Idempotency-Key to one request body across all events, so a key reused
 * for another event is caught before it reaches a different ledger.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    eventId: text("event_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index("idempotency_created_idx").on(t.createdAt),
  ],
);

export type BookingRow = typeof bookings.$inferSelect;

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

/** One notification per (domain event, attendee): what the attendee was told. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
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
  },
  (t) => [
    uniqueIndex("notifications_event_attendee_unique").on(t.domainEventId, t.attendeeId),
    index("notifications_attendee_created_idx").on(t.attendeeId, t.createdAt),
  ],
);

export const DELIVERY_CHANNELS = ["websocket", "push", "email"] as const;
export const DELIVERY_STATUSES = ["sent", "failed", "skipped"] as const;

/**
 * Each delivery recorded once: a redelivered queue message finds its row and does
 * not notify twice; a failed row is retried and its attempts counted.
 */
export const deliveries = sqliteTable(
  "notification_deliveries",
  {
    id: text("id").primaryKey(),
    notificationId: text("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
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
    check("deliveries_channel_check", sql`${t.channel} IN ('websocket', 'push', 'email')`),
    check("deliveries_status_check", sql`${t.status} IN ('sent', 'failed', 'skipped')`),
    uniqueIndex("deliveries_event_channel_recipient_unique").on(
      t.domainEventId,
      t.channel,
      t.recipient,
    ),
    index("deliveries_notification_idx").on(t.notificationId),
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
