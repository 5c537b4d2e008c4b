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
