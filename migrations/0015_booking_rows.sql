-- Bookings and tickets keyed by their id alone (WITHOUT ROWID), as notifications are since
-- 0014: a rowid table keeps its text key in an index of its own, and D1 bills that entry on
-- every insert. Each booking and each seat's ticket now writes one row fewer. Tickets are set
-- aside and dropped first, so dropping the old bookings cascades to nothing.
CREATE TABLE `tickets_kept` AS SELECT * FROM `tickets`;--> statement-breakpoint
DROP TABLE `tickets`;--> statement-breakpoint
CREATE TABLE `bookings_next` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`status` text NOT NULL,
	`seats` integer DEFAULT 1 NOT NULL,
	`expires_at` text,
	`queue_seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`amount` integer,
	`currency` text,
	`payment_status` text,
	`payment_session_id` text,
	`checkout_url` text,
	`booked_by` text DEFAULT 'attendee' NOT NULL,
	`items` text,
	`promo_code` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "bookings_status_check" CHECK(`status` IN ('pending', 'confirmed', 'waitlisted', 'cancelled', 'expired')),
	CONSTRAINT "bookings_seats_check" CHECK(`seats` BETWEEN 1 AND 100)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `bookings_next` (`id`, `event_id`, `attendee_id`, `status`, `seats`, `expires_at`, `queue_seq`, `created_at`, `updated_at`, `amount`, `currency`, `payment_status`, `payment_session_id`, `checkout_url`, `booked_by`, `items`, `promo_code`)
SELECT `id`, `event_id`, `attendee_id`, `status`, `seats`, `expires_at`, `queue_seq`, `created_at`, `updated_at`, `amount`, `currency`, `payment_status`, `payment_session_id`, `checkout_url`, `booked_by`, `items`, `promo_code` FROM `bookings`;--> statement-breakpoint
DROP TABLE `bookings`;--> statement-breakpoint
ALTER TABLE `bookings_next` RENAME TO `bookings`;--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_active_unique` ON `bookings` (`event_id`,`attendee_id`) WHERE "bookings"."status" IN ('pending', 'confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX `bookings_attendee_created_idx` ON `bookings` (`attendee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bookings_event_created_idx` ON `bookings` (`event_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bookings_event_status_queue_idx` ON `bookings` (`event_id`,`status`,`queue_seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_payment_session_idx` ON `bookings` (`payment_session_id`) WHERE "bookings"."payment_session_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`event_id` text NOT NULL,
	`position` integer NOT NULL,
	`ticket_type_id` text NOT NULL,
	`ticket_type_name` text NOT NULL,
	`status` text NOT NULL,
	`issued_at` text NOT NULL,
	`checked_in_at` text,
	`revoked_at` text,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "tickets_status_check" CHECK("tickets"."status" IN ('valid', 'checked_in', 'revoked'))
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `tickets` (`id`, `booking_id`, `event_id`, `position`, `ticket_type_id`, `ticket_type_name`, `status`, `issued_at`, `checked_in_at`, `revoked_at`)
SELECT `id`, `booking_id`, `event_id`, `position`, `ticket_type_id`, `ticket_type_name`, `status`, `issued_at`, `checked_in_at`, `revoked_at` FROM `tickets_kept`;--> statement-breakpoint
DROP TABLE `tickets_kept`;--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_booking_position_idx` ON `tickets` (`booking_id`,`position`);--> statement-breakpoint
CREATE INDEX `tickets_event_revoked_idx` ON `tickets` (`event_id`,`revoked_at`) WHERE "tickets"."revoked_at" IS NOT NULL;
