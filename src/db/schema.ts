import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
