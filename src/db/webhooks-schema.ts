import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_DISABLED_REASONS } from "../domain/enums";
import { users } from "./accounts-schema";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/** Where an organizer wants their events' changes sent, and the secret that signs them. */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    organizerId: text("organizer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** JSON array of domain event types, or `["*"]`. */
    events: text("events").notNull(),
    description: text("description"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** Why it was turned off by the service rather than by its organizer. */
    disabledReason: text("disabled_reason", { enum: WEBHOOK_DISABLED_REASONS }),
    /** The signing secret, sealed with a key derived from JWT_SECRET: a copy of D1 signs nothing. */
    secret: text("secret").notNull(),
    /** The secret a rotation replaced, still signing beside the new one until `previous_until`. */
    previousSecret: text("previous_secret"),
    previousUntil: text("previous_until"),
    /** The language the organizer's notices about this endpoint are written in. */
    language: text("language").notNull().default("en"),
    /** Since when every attempt has failed; cleared by the first success. */
    failingSince: text("failing_since"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("webhook_endpoints_organizer_idx").on(t.organizerId, t.createdAt),
    check(
      "webhook_endpoints_reason_check",
      sql`${t.disabledReason} IS NULL OR ${t.disabledReason} IN (${inList(WEBHOOK_DISABLED_REASONS)})`,
    ),
  ],
);

/**
 * One change as every endpoint receives it: the body is kept as sent, so each retry
 * carries the same bytes under the same `webhook-id` (the row's id).
 */
export const webhookMessages = sqliteTable(
  "webhook_messages",
  {
    id: text("id").primaryKey(),
    organizerId: text("organizer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("webhook_messages_created_idx").on(t.createdAt)],
);

/** One message for one endpoint: its attempts so far and when the next is due. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    messageId: text("message_id")
      .notNull()
      .references(() => webhookMessages.id, { onDelete: "cascade" }),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    nextAttemptAt: text("next_attempt_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_endpoint_message_unique").on(t.endpointId, t.messageId),
    index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_message_idx").on(t.messageId),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check(
      "webhook_deliveries_status_check",
      sql`${t.status} IN (${inList(WEBHOOK_DELIVERY_STATUSES)})`,
    ),
  ],
);
