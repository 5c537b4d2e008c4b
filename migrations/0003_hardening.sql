CREATE TABLE `stream_tickets` (
	`ticket_hash` text PRIMARY KEY NOT NULL,
	`attendee_id` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stream_tickets_attendee_idx` ON `stream_tickets` (`attendee_id`,`expires_at`);--> statement-breakpoint
CREATE INDEX `stream_tickets_expires_idx` ON `stream_tickets` (`expires_at`);--> statement-breakpoint
ALTER TABLE `attendees` ADD `name_folded` text;--> statement-breakpoint
CREATE INDEX `attendees_unfolded_idx` ON `attendees` (`id`) WHERE "attendees"."name_folded" IS NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `title_folded` text;--> statement-breakpoint
CREATE INDEX `events_unfolded_idx` ON `events` (`id`) WHERE "events"."title_folded" IS NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `password_changed_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `closed_at` text;