-- Notifications and their deliveries keyed by their id alone (WITHOUT ROWID): D1 bills
-- every b-tree entry a write touches, and a rowid table keeps its text key in an index of
-- its own beside the table. Each notification and each delivery now writes one row fewer.
-- Deliveries are set aside and dropped first, so dropping the old notifications cascades
-- to nothing.
CREATE TABLE `notification_deliveries_kept` AS SELECT * FROM `notification_deliveries`;--> statement-breakpoint
DROP TABLE `notification_deliveries`;--> statement-breakpoint
CREATE TABLE `notifications_next` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`event_id` text NOT NULL,
	`booking_id` text,
	`created_at` text NOT NULL,
	`skipped` text,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `notifications_next` (`id`, `domain_event_id`, `attendee_id`, `type`, `title`, `body`, `event_id`, `booking_id`, `created_at`, `skipped`)
SELECT `id`, `domain_event_id`, `attendee_id`, `type`, `title`, `body`, `event_id`, `booking_id`, `created_at`, `skipped` FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `notifications_next` RENAME TO `notifications`;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_event_attendee_unique` ON `notifications` (`domain_event_id`,`attendee_id`);--> statement-breakpoint
CREATE INDEX `notifications_attendee_created_idx` ON `notifications` (`attendee_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notification_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`notification_id` text NOT NULL,
	`domain_event_id` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`transport` text,
	`error` text,
	`payload` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "deliveries_channel_check" CHECK("notification_deliveries"."channel" IN ('websocket', 'push', 'email')),
	CONSTRAINT "deliveries_status_check" CHECK("notification_deliveries"."status" IN ('sent', 'failed', 'skipped'))
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `notification_deliveries` (`id`, `notification_id`, `domain_event_id`, `channel`, `recipient`, `status`, `attempts`, `transport`, `error`, `payload`, `updated_at`)
SELECT `id`, `notification_id`, `domain_event_id`, `channel`, `recipient`, `status`, `attempts`, `transport`, `error`, `payload`, `updated_at` FROM `notification_deliveries_kept`;--> statement-breakpoint
DROP TABLE `notification_deliveries_kept`;--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_event_channel_recipient_unique` ON `notification_deliveries` (`domain_event_id`,`channel`,`recipient`);--> statement-breakpoint
CREATE INDEX `deliveries_notification_idx` ON `notification_deliveries` (`notification_id`);
