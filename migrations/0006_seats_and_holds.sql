-- Edited by hand where drizzle-kit cannot say it: SQLite cannot alter a CHECK, so bookings is
-- rebuilt. D1 keeps foreign keys on inside a migration (PRAGMA foreign_keys=OFF does nothing),
-- so the rebuild defers them instead; nothing references bookings, so no cascade fires.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__new_bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`status` text NOT NULL,
	`seats` integer DEFAULT 1 NOT NULL,
	`expires_at` text,
	`queue_seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "bookings_status_check" CHECK("__new_bookings"."status" IN ('pending', 'confirmed', 'waitlisted', 'cancelled', 'expired')),
	CONSTRAINT "bookings_seats_check" CHECK("__new_bookings"."seats" BETWEEN 1 AND 100)
);
--> statement-breakpoint
-- Every booking made before seats existed took one seat and held nothing.
INSERT INTO `__new_bookings`("id", "event_id", "attendee_id", "status", "seats", "expires_at", "queue_seq", "created_at", "updated_at") SELECT "id", "event_id", "attendee_id", "status", 1, NULL, "queue_seq", "created_at", "updated_at" FROM `bookings`;--> statement-breakpoint
DROP TABLE `bookings`;--> statement-breakpoint
ALTER TABLE `__new_bookings` RENAME TO `bookings`;--> statement-breakpoint
PRAGMA defer_foreign_keys = off;--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_active_unique` ON `bookings` (`event_id`,`attendee_id`) WHERE "bookings"."status" IN ('pending', 'confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX `bookings_event_status_queue_idx` ON `bookings` (`event_id`,`status`,`queue_seq`);--> statement-breakpoint
CREATE INDEX `bookings_event_created_idx` ON `bookings` (`event_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bookings_attendee_created_idx` ON `bookings` (`attendee_id`,`created_at`);--> statement-breakpoint
-- Column CHECKs by hand: a table CHECK would make drizzle-kit rebuild events, and dropping
-- events would cascade to its bookings and interests (whose triggers count them).
ALTER TABLE `events` ADD `held_seats` integer DEFAULT 0 NOT NULL CHECK (`held_seats` >= 0);--> statement-breakpoint
ALTER TABLE `events` ADD `max_seats_per_booking` integer DEFAULT 10 NOT NULL CHECK (`max_seats_per_booking` BETWEEN 1 AND 100);--> statement-breakpoint
ALTER TABLE `events` ADD `hold_minutes` integer DEFAULT 15 NOT NULL CHECK (`hold_minutes` BETWEEN 1 AND 1440);