ALTER TABLE `bookings` ADD `items` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `promo_code` text;--> statement-breakpoint
ALTER TABLE `events` ADD `ticket_types` text;--> statement-breakpoint
-- Events and bookings from before ticket types: the event's price is its first type,
-- `general` (the id its ledger gives it), and each booking one line of it.
UPDATE `events` SET `ticket_types` = json_array(json_object(
  'id', 'general', 'name', 'General admission', 'description', NULL, 'price', `price`,
  'quota', NULL, 'confirmed', `booked_count`, 'held', `held_seats`, 'waitlisted', `waitlist_count`,
  'hidden', json('false'), 'salesStartAt', NULL, 'salesEndAt', NULL, 'minPerBooking', 1,
  'maxPerBooking', NULL, 'position', 0,
  'createdAt', `created_at`, 'updatedAt', `updated_at`))
WHERE `ticket_types` IS NULL;--> statement-breakpoint
UPDATE `bookings` SET `items` = json_array(json_object(
  'ticketTypeId', 'general', 'name', 'General admission', 'quantity', `seats`,
  'unitPrice', coalesce(`amount` / `seats`, 0), 'discount', 0, 'amount', coalesce(`amount`, 0)))
WHERE `items` IS NULL;
