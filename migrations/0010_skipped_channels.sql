-- A channel with nobody to reach is listed on its notification, not given a delivery row:
-- D1 bills every row and index entry a write touches.
ALTER TABLE `notifications` ADD `skipped` text;
