CREATE TABLE `attendees` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendees_email_unique` ON `attendees` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `attendees_token_hash_unique` ON `attendees` (`token_hash`);--> statement-breakpoint
CREATE INDEX `attendees_name_idx` ON `attendees` (`name`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`organizer_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`country` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`capacity` integer NOT NULL,
	`waitlist_enabled` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`booked_count` integer DEFAULT 0 NOT NULL,
	`waitlist_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organizer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "events_capacity_check" CHECK("events"."capacity" BETWEEN 1 AND 100000),
	CONSTRAINT "events_status_check" CHECK("events"."status" IN ('scheduled', 'ongoing', 'completed', 'cancelled')),
	CONSTRAINT "events_dates_check" CHECK("events"."end_date" > "events"."start_date"),
	CONSTRAINT "events_country_check" CHECK(length("events"."country") = 2),
	CONSTRAINT "events_counts_check" CHECK("events"."booked_count" >= 0 AND "events"."waitlist_count" >= 0)
);
--> statement-breakpoint
CREATE INDEX `events_start_date_idx` ON `events` (`start_date`,`id`);--> statement-breakpoint
CREATE INDEX `events_created_at_idx` ON `events` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `events_title_idx` ON `events` (`title`,`id`);--> statement-breakpoint
CREATE INDEX `events_capacity_idx` ON `events` (`capacity`,`id`);--> statement-breakpoint
CREATE INDEX `events_country_start_idx` ON `events` (`country`,`start_date`);--> statement-breakpoint
CREATE INDEX `events_status_start_idx` ON `events` (`status`,`start_date`);--> statement-breakpoint
CREATE INDEX `events_organizer_start_idx` ON `events` (`organizer_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'organizer' NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "users_role_check" CHECK("users"."role" IN ('organizer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);