-- Fewer index entries a booking writes, since D1 bills each one as a row written.
-- The waitlist's index holds waitlisted bookings only: a confirmed booking, most of a sale,
-- writes no entry in it. The event's list keeps its own index.
DROP INDEX `bookings_event_status_queue_idx`;--> statement-breakpoint
CREATE INDEX `bookings_waitlist_idx` ON `bookings` (`event_id`,`queue_seq`) WHERE "bookings"."status" = 'waitlisted';--> statement-breakpoint
-- Tickets keyed by their seat (booking, position): D1 reads them by booking or by event,
-- never by id alone, so the id's own index entry goes.
CREATE TABLE `tickets_next` (
	`id` text NOT NULL,
	`booking_id` text NOT NULL,
	`event_id` text NOT NULL,
	`position` integer NOT NULL,
	`ticket_type_id` text NOT NULL,
	`ticket_type_name` text NOT NULL,
	`status` text NOT NULL,
	`issued_at` text NOT NULL,
	`checked_in_at` text,
	`revoked_at` text,
	PRIMARY KEY(`booking_id`, `position`),
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "tickets_status_check" CHECK("tickets_next"."status" IN ('valid', 'checked_in', 'revoked'))
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `tickets_next` (`id`, `booking_id`, `event_id`, `position`, `ticket_type_id`, `ticket_type_name`, `status`, `issued_at`, `checked_in_at`, `revoked_at`)
SELECT `id`, `booking_id`, `event_id`, `position`, `ticket_type_id`, `ticket_type_name`, `status`, `issued_at`, `checked_in_at`, `revoked_at` FROM `tickets`;--> statement-breakpoint
DROP TABLE `tickets`;--> statement-breakpoint
ALTER TABLE `tickets_next` RENAME TO `tickets`;--> statement-breakpoint
CREATE INDEX `tickets_event_revoked_idx` ON `tickets` (`event_id`,`revoked_at`) WHERE "tickets"."revoked_at" IS NOT NULL;--> statement-breakpoint
-- Notifications keyed by attendee, the time of the change and the domain event: the key is
-- the attendee's list in order and finds a redelivery's row, so neither index stays. Making
-- the row claims its first deliveries (`claimed_at`, the lease): each is then written once,
-- when it went, instead of a claim and a record. An older notification's lease is over: it
-- claimed each delivery in a row before trying it, so one with no row was never tried. A
-- delivery is keyed under its attendee and goes with them. Deliveries are set aside first
-- (with their attendee), so dropping the old notifications cascades to nothing.
CREATE TABLE `notification_deliveries_kept` AS
SELECT d.*, n.`attendee_id` AS `owner_id` FROM `notification_deliveries` d
JOIN `notifications` n ON n.`id` = d.`notification_id`;--> statement-breakpoint
DROP TABLE `notification_deliveries`;--> statement-breakpoint
CREATE TABLE `notifications_next` (
	`id` text NOT NULL,
	`domain_event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`event_id` text NOT NULL,
	`booking_id` text,
	`created_at` text NOT NULL,
	`skipped` text,
	`claimed_at` text NOT NULL,
	PRIMARY KEY(`attendee_id`, `created_at`, `domain_event_id`),
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `notifications_next` (`id`, `domain_event_id`, `attendee_id`, `type`, `title`, `body`, `event_id`, `booking_id`, `created_at`, `skipped`, `claimed_at`)
SELECT `id`, `domain_event_id`, `attendee_id`, `type`, `title`, `body`, `event_id`, `booking_id`, `created_at`, `skipped`, `created_at` FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `notifications_next` RENAME TO `notifications`;--> statement-breakpoint
CREATE TABLE `notification_deliveries` (
	`id` text NOT NULL,
	`attendee_id` text NOT NULL,
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
	PRIMARY KEY(`attendee_id`, `notification_id`, `channel`, `recipient`),
	FOREIGN KEY (`attendee_id`) REFERENCES `attendees`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "deliveries_channel_check" CHECK("notification_deliveries"."channel" IN ('websocket', 'push', 'email')),
	CONSTRAINT "deliveries_status_check" CHECK("notification_deliveries"."status" IN ('sent', 'failed', 'skipped'))
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `notification_deliveries` (`id`, `attendee_id`, `notification_id`, `domain_event_id`, `channel`, `recipient`, `status`, `attempts`, `transport`, `error`, `payload`, `updated_at`)
SELECT `id`, `owner_id`, `notification_id`, `domain_event_id`, `channel`, `recipient`, `status`, `attempts`, `transport`, `error`, `payload`, `updated_at` FROM `notification_deliveries_kept`;--> statement-breakpoint
DROP TABLE `notification_deliveries_kept`;
