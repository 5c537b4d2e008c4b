import { migrateSchema, schemaVersion } from "../lib/object-migrations";

/**
 * The ledger's own SQLite schema, as a list of versions: an object's SQLite lives as
 * long as the object, so a change reaches ledgers that already exist only as a new
 * entry here. Append; never edit an entry a deployed ledger may have run.
 *
 * `event` holds the one event this object serves; `outbox` is its change log: every
 * decision appends a row in the same transaction, rows are copied to D1 (synced) and
 * published to the notification queue (published).
 */
const VERSION_1 = `
CREATE TABLE IF NOT EXISTS event (
  id TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  country TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 1),
  waitlist_enabled INTEGER NOT NULL,
  status TEXT NOT NULL,
  confirmed INTEGER NOT NULL DEFAULT 0,
  waitlisted INTEGER NOT NULL DEFAULT 0,
  next_seq INTEGER NOT NULL DEFAULT 1,
  reminder_at INTEGER,
  reminder_sent INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (confirmed <= capacity)
);
CREATE TABLE IF NOT EXISTS bookings (
  id TEXT PRIMARY KEY,
  attendee_id TEXT NOT NULL,
  attendee_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
  seq INTEGER NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS bookings_one_active
  ON bookings (attendee_id) WHERE status IN ('confirmed', 'waitlisted');
CREATE INDEX IF NOT EXISTS bookings_status_seq ON bookings (status, seq);
CREATE TABLE IF NOT EXISTS idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  done INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE TABLE IF NOT EXISTS outbox (
  -- AUTOINCREMENT: sequence numbers never come back after old rows are pruned.
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  booking_id TEXT,
  attendee_id TEXT,
  occurred_at TEXT NOT NULL,
  data TEXT NOT NULL,
  synced INTEGER NOT NULL DEFAULT 0,
  published INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_unsynced ON outbox (seq) WHERE synced = 0;
CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (seq) WHERE published = 0;
`;

/**
 * Sale windows, and the two announcements a ledger makes once: sales opening and the
 * event's publication. Ledgers that existed before start with both marked as made.
 */
const VERSION_2 = `
ALTER TABLE event ADD COLUMN sales_start_at TEXT;
ALTER TABLE event ADD COLUMN sales_end_at TEXT;
ALTER TABLE event ADD COLUMN sales_opened_sent INTEGER NOT NULL DEFAULT 1;
ALTER TABLE event ADD COLUMN published_sent INTEGER NOT NULL DEFAULT 1;
`;

/**
 * Orders of several seats and timed holds. Counters now count seats (every booking made
 * before took one seat, so they carry over as they are), `held` counts the seats of
 * pending bookings, and a CHECK cannot be altered in SQLite: both tables are rebuilt,
 * the event keeping its sale window and announcement flags.
 */
const VERSION_3 = `
CREATE TABLE event_v2 (
  id TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  country TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 1),
  waitlist_enabled INTEGER NOT NULL,
  status TEXT NOT NULL,
  max_seats_per_booking INTEGER NOT NULL DEFAULT 10,
  hold_minutes INTEGER NOT NULL DEFAULT 15,
  confirmed INTEGER NOT NULL DEFAULT 0,
  held INTEGER NOT NULL DEFAULT 0,
  waitlisted INTEGER NOT NULL DEFAULT 0,
  next_seq INTEGER NOT NULL DEFAULT 1,
  reminder_at INTEGER,
  reminder_sent INTEGER NOT NULL DEFAULT 0,
  sales_start_at TEXT,
  sales_end_at TEXT,
  sales_opened_sent INTEGER NOT NULL DEFAULT 1,
  published_sent INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (confirmed >= 0 AND held >= 0 AND waitlisted >= 0),
  CHECK (confirmed + held <= capacity)
);
INSERT INTO event_v2 (id, organizer_id, title, description, country, start_date, end_date,
  capacity, waitlist_enabled, status, confirmed, waitlisted, next_seq, reminder_at,
  reminder_sent, sales_start_at, sales_end_at, sales_opened_sent, published_sent,
  created_at, updated_at)
SELECT id, organizer_id, title, description, country, start_date, end_date, capacity,
  waitlist_enabled, status, confirmed, waitlisted, next_seq, reminder_at, reminder_sent,
  sales_start_at, sales_end_at, sales_opened_sent, published_sent, created_at, updated_at
FROM event;
DROP TABLE event;
ALTER TABLE event_v2 RENAME TO event;
CREATE TABLE bookings_v2 (
  id TEXT PRIMARY KEY,
  attendee_id TEXT NOT NULL,
  attendee_name TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'cancelled', 'expired')),
  seats INTEGER NOT NULL DEFAULT 1 CHECK (seats >= 1),
  expires_at INTEGER,
  seq INTEGER NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'pending') = (expires_at IS NOT NULL))
);
INSERT INTO bookings_v2 (id, attendee_id, attendee_name, status, seq, created_at, updated_at)
SELECT id, attendee_id, attendee_name, status, seq, created_at, updated_at FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_v2 RENAME TO bookings;
CREATE UNIQUE INDEX bookings_one_active
  ON bookings (attendee_id) WHERE status IN ('pending', 'confirmed', 'waitlisted');
CREATE INDEX bookings_status_seq ON bookings (status, seq);
CREATE INDEX bookings_expiry ON bookings (expires_at) WHERE status = 'pending';
`;

/**
 * Paid events. A booking keeps the amount it was placed at, its checkout and how it was
 * paid; `payment_events` holds the provider's event ids already decided on, so a webhook
 * delivered twice is decided once.
 */
const VERSION_4 = `
ALTER TABLE event ADD COLUMN price INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event ADD COLUMN currency TEXT;
ALTER TABLE bookings ADD COLUMN amount INTEGER;
ALTER TABLE bookings ADD COLUMN currency TEXT;
ALTER TABLE bookings ADD COLUMN payment_status TEXT;
ALTER TABLE bookings ADD COLUMN session_id TEXT;
ALTER TABLE bookings ADD COLUMN checkout_url TEXT;
ALTER TABLE bookings ADD COLUMN payment_intent TEXT;
ALTER TABLE bookings ADD COLUMN checkout_notice TEXT;
CREATE INDEX IF NOT EXISTS bookings_awaiting_checkout ON bookings (seq) WHERE checkout_notice IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS bookings_session ON bookings (session_id) WHERE session_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS payment_events (id TEXT PRIMARY KEY, handled_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS payment_events_handled ON payment_events (handled_at);
`;

/**
 * Who placed each booking: only an attendee's own bookings show the organizer their
 * contact details. Bookings placed before were counted as the attendee's, as D1 does.
 */
const VERSION_5 = `
ALTER TABLE bookings ADD COLUMN booked_by TEXT NOT NULL DEFAULT 'attendee'
  CHECK (booked_by IN ('attendee', 'organizer'));
`;

/**
 * Money that is never lost. A checkout's parameters are fixed with its hold (its expiry,
 * the event's title as it was, the origin its links start with); a deleted event's
 * ledger winds down from `deleting_at` until its refunds are settled and its outbox is
 * empty.
 */
const VERSION_6 = `
ALTER TABLE bookings ADD COLUMN checkout_expires_at INTEGER;
ALTER TABLE bookings ADD COLUMN link_origin TEXT;
ALTER TABLE bookings ADD COLUMN checkout_title TEXT;
ALTER TABLE event ADD COLUMN deleting_at INTEGER;
CREATE INDEX IF NOT EXISTS bookings_refund_pending ON bookings (seq)
  WHERE payment_status = 'refund_pending';
`;

/**
 * Tickets and check-in. A confirmed booking has one ticket per seat, revoked when it is
 * released; `scans` keeps each scan's answer by the scanner's scan id, so a scan sent
 * again is answered as the first time. Bookings confirmed before get theirs here, one
 * general admission ticket per seat, named after the booking and the seat, and an outbox
 * row each that copies them to D1 (the constructor's alarm relays it).
 */
const VERSION_7 = `
CREATE TABLE IF NOT EXISTS tickets (
  id TEXT PRIMARY KEY,
  booking_id TEXT NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 1),
  ticket_type_id TEXT NOT NULL,
  ticket_type_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('valid', 'checked_in', 'revoked')),
  issued_at TEXT NOT NULL,
  checked_in_at TEXT,
  check_in_scan TEXT,
  revoked_at TEXT,
  CHECK ((status = 'valid') = (checked_in_at IS NULL AND revoked_at IS NULL) OR status = 'revoked'),
  UNIQUE (booking_id, position)
);
CREATE TABLE IF NOT EXISTS scans (
  scan_id TEXT PRIMARY KEY,
  answer TEXT NOT NULL,
  scanned_at TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
WITH RECURSIVE seat(booking_id, position, seats, created_at) AS (
  SELECT id, 1, seats, updated_at FROM bookings WHERE status = 'confirmed'
  UNION ALL
  SELECT booking_id, position + 1, seats, created_at FROM seat WHERE position < seats
)
INSERT INTO tickets (id, booking_id, position, ticket_type_id, ticket_type_name, status, issued_at)
SELECT booking_id || '.' || position, booking_id, position, 'general', 'General admission',
  'valid', created_at
FROM seat WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.booking_id = seat.booking_id);
INSERT INTO outbox (id, type, booking_id, attendee_id, occurred_at, data)
SELECT 'tickets-' || id, 'tickets.issued', id, attendee_id,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '{}'
FROM bookings b WHERE status = 'confirmed'
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id = 'tickets-' || b.id);
`;

/**
 * Ticket types and promo codes. Each type counts the seats its bookings hold in each
 * status, as the event row does for all of them; each code counts its active uses. A
 * booking keeps its lines (`items`, JSON: type, name, quantity, unit price, discount,
 * amount) and the code it used. An event that existed before sells its one price as a
 * first type, `general` (the id its tickets already carry), and every booking becomes
 * one line of it at the amount it owes.
 */
const VERSION_8 = `
CREATE TABLE IF NOT EXISTS ticket_types (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  price INTEGER NOT NULL CHECK (price >= 0),
  quota INTEGER,
  confirmed INTEGER NOT NULL DEFAULT 0,
  held INTEGER NOT NULL DEFAULT 0,
  waitlisted INTEGER NOT NULL DEFAULT 0,
  hidden INTEGER NOT NULL DEFAULT 0,
  sales_start_at TEXT,
  sales_end_at TEXT,
  min_per_booking INTEGER NOT NULL DEFAULT 1,
  max_per_booking INTEGER,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (quota IS NULL OR confirmed + held <= quota)
);
CREATE TABLE IF NOT EXISTS promo_codes (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('percent', 'amount', 'unlock')),
  value INTEGER,
  ticket_type_ids TEXT,
  max_uses INTEGER,
  used_count INTEGER NOT NULL DEFAULT 0 CHECK (used_count >= 0),
  valid_from TEXT,
  valid_until TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS promo_codes_live ON promo_codes (code) WHERE deleted_at IS NULL;
ALTER TABLE bookings ADD COLUMN items TEXT;
ALTER TABLE bookings ADD COLUMN promo_code_id TEXT;
ALTER TABLE bookings ADD COLUMN promo_code TEXT;
INSERT INTO ticket_types (id, name, price, confirmed, held, waitlisted, position,
  created_at, updated_at)
SELECT 'general', 'General admission', price, confirmed, held, waitlisted, 0,
  created_at, updated_at
FROM event WHERE NOT EXISTS (SELECT 1 FROM ticket_types);
UPDATE bookings SET items = json_array(json_object('ticketTypeId', 'general',
  'name', 'General admission', 'quantity', seats,
  'unitPrice', coalesce(amount / seats, 0), 'discount', 0, 'amount', coalesce(amount, 0)))
WHERE items IS NULL;
`;

/**
 * The admission queue. The event keeps whether bookings need a pass and how fast its
 * queue issues them; `admission_passes` keeps every pass a booking used, written in
 * that booking's transaction, so one pass books once.
 */
const VERSION_9 = `
ALTER TABLE event ADD COLUMN queue_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event ADD COLUMN admit_per_minute INTEGER NOT NULL DEFAULT 600;
CREATE TABLE IF NOT EXISTS admission_passes (
  id TEXT PRIMARY KEY,
  booking_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at TEXT NOT NULL
);
`;

/**
 * Version 1 is the schema ledgers had before versions were counted; its `IF NOT EXISTS`
 * lets those ledgers, which report version 0, adopt it without losing a row.
 */
export const LEDGER_MIGRATIONS: readonly string[] = [
  VERSION_1,
  VERSION_2,
  VERSION_3,
  VERSION_4,
  VERSION_5,
  VERSION_6,
  VERSION_7,
  VERSION_8,
  VERSION_9,
];

const VERSION_TABLE = "ledger_version";

export const ledgerVersion = (sql: SqlStorage): number => schemaVersion(sql, VERSION_TABLE);

/** Brings the ledger's tables to the latest version, all steps in one transaction. */
export const migrateLedger = (
  storage: DurableObjectStorage,
  migrations: readonly string[] = LEDGER_MIGRATIONS,
) => migrateSchema(storage, VERSION_TABLE, migrations);
