ALTER TABLE `events` ADD `queue_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `admit_per_minute` integer DEFAULT 600 NOT NULL;