-- A delivery keyed by what makes it one: its notification, channel and recipient (WITHOUT
-- ROWID). D1 bills every b-tree entry a write touches: the table kept its id as the key and
-- two indexes beside it (by domain event, channel and recipient for the claim; by
-- notification for the list), three entries a delivery; the key now serves both, one entry.
-- A notification is one (domain event, attendee) and a recipient belongs to one attendee,
-- so the key is as unique as (domain event, channel, recipient) was.
CREATE TABLE `notification_deliveries_kept` AS SELECT * FROM `notification_deliveries`;--> statement-breakpoint
DROP TABLE `notification_deliveries`;--> statement-breakpoint
CREATE TABLE `notification_deliveries` (
	`id` text NOT NULL,
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
	PRIMARY KEY(`notification_id`, `channel`, `recipient`),
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "deliveries_channel_check" CHECK("notification_deliveries"."channel" IN ('websocket', 'push', 'email')),
	CONSTRAINT "deliveries_status_check" CHECK("notification_deliveries"."status" IN ('sent', 'failed', 'skipped'))
) WITHOUT ROWID;--> statement-breakpoint
INSERT OR IGNORE INTO `notification_deliveries` (`id`, `notification_id`, `domain_event_id`, `channel`, `recipient`, `status`, `attempts`, `transport`, `error`, `payload`, `updated_at`)
SELECT `id`, `notification_id`, `domain_event_id`, `channel`, `recipient`, `status`, `attempts`, `transport`, `error`, `payload`, `updated_at` FROM `notification_deliveries_kept`;--> statement-breakpoint
DROP TABLE `notification_deliveries_kept`;
