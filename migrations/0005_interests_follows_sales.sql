CREATE TABLE `event_interests` (
	`event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`event_id`, `attendee_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_interests_attendee_created_idx` ON `event_interests` (`attendee_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notification_listeners` (
	`attendee_id` text PRIMARY KEY NOT NULL,
	`connections` integer NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organizer_follows` (
	`organizer_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`organizer_id`, `attendee_id`),
	FOREIGN KEY (`organizer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organizer_follows_attendee_created_idx` ON `organizer_follows` (`attendee_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `events` ADD `sales_start_at` text;--> statement-breakpoint
ALTER TABLE `events` ADD `sales_end_at` text;--> statement-breakpoint
ALTER TABLE `events` ADD `interest_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TRIGGER `event_interests_count_insert` AFTER INSERT ON `event_interests` BEGIN
  UPDATE `events` SET `interest_count` = `interest_count` + 1 WHERE `id` = NEW.`event_id`;
END;--> statement-breakpoint
CREATE TRIGGER `event_interests_count_delete` AFTER DELETE ON `event_interests` BEGIN
  UPDATE `events` SET `interest_count` = max(0, `interest_count` - 1) WHERE `id` = OLD.`event_id`;
END;
