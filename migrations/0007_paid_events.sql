-- Edited by hand: drizzle-kit rebuilds events for the new CHECK, and a rebuild would cascade
-- into every table that references events. SQLite accepts a column CHECK in ADD COLUMN, which
-- says the same thing without touching a row.
ALTER TABLE `events` ADD `price` integer DEFAULT 0 NOT NULL CONSTRAINT "events_price_check" CHECK("price" BETWEEN 0 AND 100000000);--> statement-breakpoint
ALTER TABLE `events` ADD `currency` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `amount` integer;--> statement-breakpoint
ALTER TABLE `bookings` ADD `currency` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `payment_status` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `payment_session_id` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `checkout_url` text;--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_payment_session_idx` ON `bookings` (`payment_session_id`) WHERE "bookings"."payment_session_id" IS NOT NULL;
