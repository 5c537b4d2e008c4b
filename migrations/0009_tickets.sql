-- One ticket per seat of a confirmed booking, copied from the event's ledger, which alone
-- decides issue, revocation and check-in. Rows go with their booking and their event.
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
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_booking_position_idx` ON `tickets` (`booking_id`,`position`);--> statement-breakpoint
CREATE INDEX `tickets_event_revoked_idx` ON `tickets` (`event_id`,`revoked_at`) WHERE "tickets"."revoked_at" IS NOT NULL;
