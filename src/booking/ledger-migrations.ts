/**
 * The ledger's own SQLite schema. `event` holds the one event this object serves;
 * `outbox` is its change log: every decision appends a row in the same transaction,
 * rows are copied to D1 (synced) and published to the notification queue (published).
 */
export const LEDGER_SCHEMA = `
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

export type LedgerEventRow = {
  id: string;
  organizer_id: string;
  title: string;
  description: string | null;
  country: string;
  start_date: string;
  end_date: string;
  capacity: number;
  waitlist_enabled: number;
  status: "scheduled" | "ongoing" | "completed" | "cancelled";
  confirmed: number;
  waitlisted: number;
  next_seq: number;
  reminder_at: number | null;
  reminder_sent: number;
  created_at: string;
  updated_at: string;
};

export type LedgerBookingRow = {
  id: string;
  attendee_id: string;
  attendee_name: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  seq: number;
  created_at: string;
  updated_at: string;
};

/** The domain events a ledger change can announce; `event.edited` only asks for a D1 copy. */
export type ChangeType =
  | "booking.confirmed"
  | "booking.waitlisted"
  | "booking.promoted"
  | "booking.cancelled"
  | "event.updated"
  | "event.cancelled"
  | "event.reminder"
  | "event.edited";
