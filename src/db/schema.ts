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
import type { BookingItem, TicketTypeRecord } from "../domain/catalog";
import {
  BOOKED_BY,
  BOOKING_STATUSES,
  EVENT_STATUSES,
  PAYMENT_STATUSES,
  TICKET_STATUSES,
} from "../domain/enums";
import { attendees, users } from "./accounts-schema";

// Tables grouped by reason to change; drizzle-kit reads them all through this module.
export * from "./accounts-schema";
export * from "./notifications-schema";
export * from "./webhooks-schema";

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
    /** Bookings need an admission pass from the event's queue. */
    queueEnabled: integer("queue_enabled", { mode: "boolean" }).notNull().default(false),
    admitPerMinute: integer("admit_per_minute").notNull().default(600),
    /** Null: bookings open at once. */
    salesStartAt: text("sales_start_at"),
    /** Null: bookings close when the event starts. */
    salesEndAt: text("sales_end_at"),
    /** Price of one seat in the currency's minor unit; 0 is free. */
    price: integer("price").notNull().default(0),
    /** ISO 4217, upper case; required when the event has a price. */
    currency: text("currency"),
    /** Kept by triggers on event_interests, so cascaded deletes count too. */
    interestCount: integer("interest_count").notNull().default(0),
    /** The ledger's ticket types with their seat counts (`TicketTypeRecord[]`), hidden ones too. */
    ticketTypes: text("ticket_types", { mode: "json" }).$type<TicketTypeRecord[]>(),
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
    check("events_price_check", sql`${t.price} BETWEEN 0 AND 100000000`),
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
    /** The sum of its lines when the booking was made; null on a free booking, like the payment fields. */
    amount: integer("amount"),
    currency: text("currency"),
    paymentStatus: text("payment_status", { enum: PAYMENT_STATUSES }),
    /** The provider's checkout session: the sandbox page finds its booking by it. */
    paymentSessionId: text("payment_session_id"),
    checkoutUrl: text("checkout_url"),
    bookedBy: text("booked_by", { enum: BOOKED_BY }).notNull().default("attendee"),
    /** The booking's lines (`BookingItem[]`), priced when it was placed. */
    items: text("items", { mode: "json" }).$type<BookingItem[]>(),
    /** The promo code it used, as the ledger matched it. */
    promoCode: text("promo_code"),
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
    // Only a waitlisted booking has an entry: a confirmed one, most of a sale, writes none.
    index("bookings_waitlist_idx").on(t.eventId, t.queueSeq).where(sql`${t.status} = 'waitlisted'`),
    index("bookings_event_created_idx").on(t.eventId, t.createdAt),
    index("bookings_attendee_created_idx").on(t.attendeeId, t.createdAt),
    uniqueIndex("bookings_payment_session_idx")
      .on(t.paymentSessionId)
      .where(sql`${t.paymentSessionId} IS NOT NULL`),
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

/**
 * The copy of every ledger's tickets, for the lists; the ledger decides, D1 shows. Keyed by
 * its seat (WITHOUT ROWID): D1 reads tickets by booking or by event, never by id alone, so
 * the id needs no index entry of its own.
 */
export const tickets = sqliteTable(
  "tickets",
  {
    id: text("id").notNull(),
    bookingId: text("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    eventId: text("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** 1.. within its booking, in the order of the booking's lines. */
    position: integer("position").notNull(),
    ticketTypeId: text("ticket_type_id").notNull(),
    ticketTypeName: text("ticket_type_name").notNull(),
    status: text("status", { enum: TICKET_STATUSES }).notNull(),
    issuedAt: text("issued_at").notNull(),
    checkedInAt: text("checked_in_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    check("tickets_status_check", sql`${t.status} IN ('valid', 'checked_in', 'revoked')`),
    primaryKey({ columns: [t.bookingId, t.position] }),
    index("tickets_event_revoked_idx")
      .on(t.eventId, t.revokedAt)
      .where(sql`${t.revokedAt} IS NOT NULL`),
  ],
);
