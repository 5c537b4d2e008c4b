CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`body` text NOT NULL,
	`attempts` integer NOT NULL,
	`error` text,
	`failed_at` text NOT NULL
);
--> statement-breakpoint
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
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_event_channel_recipient_unique` ON `notification_deliveries` (`domain_event_id`,`channel`,`recipient`);--> statement-breakpoint
CREATE INDEX `deliveries_notification_idx` ON `notification_deliveries` (`notification_id`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`attendee_id` text NOT NULL,
	`platform` text NOT NULL,
	`token` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "devices_platform_check" CHECK("devices"."platform" IN ('ios', 'android'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_platform_token_unique` ON `devices` (`platform`,`token`);--> statement-breakpoint
CREATE INDEX `devices_attendee_idx` ON `devices` (`attendee_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`event_id` text NOT NULL,
	`booking_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_event_attendee_unique` ON `notifications` (`domain_event_id`,`attendee_id`);--> statement-breakpoint
CREATE INDEX `notifications_attendee_created_idx` ON `notifications` (`attendee_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `attendees` ADD `notify_email` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `attendees` ADD `notify_push` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `attendees` ADD `notify_websocket` integer DEFAULT true NOT NULL;