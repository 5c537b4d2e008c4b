CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`status` text NOT NULL,
	`queue_seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "bookings_status_check" CHECK("bookings"."status" IN ('confirmed', 'waitlisted', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_active_unique` ON `bookings` (`event_id`,`attendee_id`) WHERE "bookings"."status" IN ('confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX `bookings_event_status_queue_idx` ON `bookings` (`event_id`,`status`,`queue_seq`);--> statement-breakpoint
CREATE INDEX `bookings_event_created_idx` ON `bookings` (`event_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bookings_attendee_created_idx` ON `bookings` (`attendee_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`event_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_created_idx` ON `idempotency_keys` (`created_at`);