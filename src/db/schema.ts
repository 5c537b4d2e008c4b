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
  },
  (t) => [check("users_role_check", sql`${t.role} IN ('organizer')`)],
);

/** People who book; they register without an account and hold an opaque token. */
export const attendees = sqliteTable(
  "attendees",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    locale: text("locale").notNull().default("en"),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("attendees_name_idx").on(t.name)],
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
    description: text("description"),
    country: text("country").notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    capacity: integer("capacity").notNull(),
    waitlistEnabled: integer("waitlist_enabled", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("scheduled"),
    bookedCount: integer("booked_count").notNull().default(0),
    waitlistCount: integer("waitlist_count").notNull().default(0),
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
  ],
);

export type UserRow = typeof users.$inferSelect;
export type AttendeeRow = typeof attendees.$inferSelect;
export type EventRow = typeof events.$inferSelect;

export const BOOKING_STATUSES = ["confirmed", "waitlisted", "cancelled"] as const;
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
    /** Arrival order within the event: the waitlist is served by ascending queueSeq. */
    queueSeq: integer("queue_seq").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    check("bookings_status_check", sql`${t.status} IN ('confirmed', 'waitlisted', 'cancelled')`),
    uniqueIndex("bookings_active_unique")
      .on(t.eventId, t.attendeeId)
      .where(sql`${t.status} IN ('confirmed', 'waitlisted')`),
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
