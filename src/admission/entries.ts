import type { RecentPasses } from "../domain/admission";
import { MINUTE_MS, SECOND_MS, shuffled } from "../domain/admission";
import { migrateSchema } from "../lib/object-migrations";

/** What the queue needs to know of its event, sent by the Worker on every join and edit. */
export interface QueueSettings {
  eventId: string;
  queueEnabled: boolean;
  admitPerMinute: number;
  /** ISO instant; null: sales are open. */
  salesStartAt: string | null;
}

export type EntryStatus = "waiting" | "admitted" | "used" | "expired";

export type EntryRow = {
  id: string;
  attendee_id: string;
  joined_at: number;
  /** Place in the admission order; null in the pre-queue until the draw. */
  rank: number | null;
  status: EntryStatus;
  admitted_at: number | null;
  pass_expires_at: number | null;
};

type SettingsRow = {
  event_id: string;
  queue_enabled: number;
  admit_per_minute: number;
  sales_start_at: number | null;
  drawn: number;
  next_rank: number;
  admitted_through: number;
};

/**
 * The queue's schema, versioned like the ledger's. `rank` is the admission order: the
 * draw gives the pre-queue ranks 1..n in a random order, later joiners the next ranks
 * in join order; passes go out in rank order, so a waiting entry's position is its rank
 * minus the last rank admitted.
 */
const QUEUE_MIGRATIONS = [
  `
CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  event_id TEXT NOT NULL,
  queue_enabled INTEGER NOT NULL,
  admit_per_minute INTEGER NOT NULL,
  sales_start_at INTEGER,
  drawn INTEGER NOT NULL DEFAULT 0,
  next_rank INTEGER NOT NULL DEFAULT 1,
  admitted_through INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE entries (
  id TEXT PRIMARY KEY,
  attendee_id TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  rank INTEGER,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'admitted', 'used', 'expired')),
  admitted_at INTEGER,
  pass_expires_at INTEGER
);
CREATE INDEX entries_attendee ON entries (attendee_id, joined_at);
CREATE UNIQUE INDEX entries_waiting ON entries (rank) WHERE status = 'waiting';
CREATE INDEX entries_admitted_at ON entries (admitted_at) WHERE admitted_at IS NOT NULL;
CREATE INDEX entries_outstanding ON entries (pass_expires_at) WHERE status = 'admitted';
`,
];

export interface Settings {
  eventId: string;
  queueEnabled: boolean;
  admitPerMinute: number;
  salesStartAt: number | null;
  drawn: boolean;
  admittedThrough: number;
}

const VERSION_TABLE = "queue_version";

/**
 * The queue's tables and every query over them, synchronous, as the ledger's are. The
 * tables are made when the event first configures its queue, not when an object wakes:
 * a poll or a follow for an id no queued event has leaves nothing stored behind.
 */
export class QueueEntries {
  private made: boolean;

  constructor(private readonly storage: DurableObjectStorage) {
    this.made =
      storage.sql
        .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", VERSION_TABLE)
        .toArray().length > 0;
    if (this.made) migrateSchema(storage, VERSION_TABLE, QUEUE_MIGRATIONS);
  }

  private get sql() {
    return this.storage.sql;
  }

  transaction<T>(work: () => T): T {
    return this.storage.transactionSync(work);
  }

  /** Makes the tables, before the event's first configuration. */
  make() {
    if (this.made) return;
    migrateSchema(this.storage, VERSION_TABLE, QUEUE_MIGRATIONS);
    this.made = true;
  }

  settings(): Settings | null {
    if (!this.made) return null;
    const row = this.sql.exec<SettingsRow>("SELECT * FROM settings").toArray()[0];
    if (!row) return null;
    return {
      eventId: row.event_id,
      queueEnabled: row.queue_enabled === 1,
      admitPerMinute: row.admit_per_minute,
      salesStartAt: row.sales_start_at,
      drawn: row.drawn === 1,
      admittedThrough: row.admitted_through,
    };
  }

  /** The event's current settings; the draw, once made, stays made. */
  configure(settings: QueueSettings) {
    const opensAt = settings.salesStartAt === null ? null : Date.parse(settings.salesStartAt);
    this.sql.exec(
      `INSERT INTO settings (id, event_id, queue_enabled, admit_per_minute, sales_start_at)
       VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET queue_enabled = excluded.queue_enabled,
         admit_per_minute = excluded.admit_per_minute, sales_start_at = excluded.sales_start_at`,
      settings.eventId,
      Number(settings.queueEnabled),
      settings.admitPerMinute,
      opensAt,
    );
  }

  entry(id: string): EntryRow | null {
    if (!this.made) return null;
    return this.sql.exec<EntryRow>("SELECT * FROM entries WHERE id = ?", id).toArray()[0] ?? null;
  }

  /** The attendee's latest entry. */
  latestOf(attendeeId: string): EntryRow | null {
    return (
      this.sql
        .exec<EntryRow>(
          "SELECT * FROM entries WHERE attendee_id = ? ORDER BY joined_at DESC, rowid DESC LIMIT 1",
          attendeeId,
        )
        .toArray()[0] ?? null
    );
  }

  /** A new waiting entry: unranked before the draw, the next rank after it. */
  insert(id: string, attendeeId: string, now: number): EntryRow {
    const drawn = this.settings()?.drawn === true;
    const rank = drawn
      ? this.sql
          .exec<{ rank: number }>(
            "UPDATE settings SET next_rank = next_rank + 1 RETURNING next_rank - 1 AS rank",
          )
          .one().rank
      : null;
    this.sql.exec(
      "INSERT INTO entries (id, attendee_id, joined_at, rank, status) VALUES (?, ?, ?, ?, 'waiting')",
      id,
      attendeeId,
      now,
      rank,
    );
    return {
      id,
      attendee_id: attendeeId,
      joined_at: now,
      rank,
      status: "waiting",
      admitted_at: null,
      pass_expires_at: null,
    };
  }

  /**
   * The draw: everyone in the pre-queue gets a rank, in an order shuffled uniformly at
   * random; whoever joins later is ranked after them in join order.
   */
  draw(randomWord?: () => number) {
    const unranked = this.sql
      .exec<{ id: string }>("SELECT id FROM entries WHERE status = 'waiting' AND rank IS NULL")
      .toArray()
      .map((row) => row.id);
    let rank = this.sql
      .exec<{ next_rank: number }>("SELECT next_rank FROM settings")
      .one().next_rank;
    for (const id of shuffled(unranked, randomWord)) {
      this.sql.exec("UPDATE entries SET rank = ? WHERE id = ?", rank++, id);
    }
    this.sql.exec("UPDATE settings SET drawn = 1, next_rank = ?", rank);
  }

  /** Passes past their expiry, unused: their slots go back to the queue. */
  expire(now: number) {
    this.sql.exec(
      "UPDATE entries SET status = 'expired' WHERE status = 'admitted' AND pass_expires_at <= ?",
      now,
    );
  }

  recent(now: number): RecentPasses {
    const since = (from: number) =>
      this.sql
        .exec<{ n: number }>(
          "SELECT count(*) AS n FROM entries WHERE admitted_at > ? AND admitted_at IS NOT NULL",
          from,
        )
        .one().n;
    const outstanding = this.sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM entries WHERE status = 'admitted'")
      .one().n;
    return { lastSecond: since(now - SECOND_MS), lastMinute: since(now - MINUTE_MS), outstanding };
  }

  /** Issues passes to the next `count` in rank order; answers the entries admitted. */
  admit(count: number, now: number, expiresAt: number): EntryRow[] {
    if (count <= 0) return [];
    const admitted = this.sql
      .exec<EntryRow>(
        `UPDATE entries SET status = 'admitted', admitted_at = ?, pass_expires_at = ?
         WHERE id IN (SELECT id FROM entries WHERE status = 'waiting' AND rank IS NOT NULL
                      ORDER BY rank LIMIT ?)
         RETURNING *`,
        now,
        expiresAt,
        count,
      )
      .toArray();
    const last = Math.max(0, ...admitted.map((row) => row.rank ?? 0));
    if (last > 0) {
      this.sql.exec("UPDATE settings SET admitted_through = max(admitted_through, ?)", last);
    }
    return admitted;
  }

  /** A booking used the pass: its slot is free for the next in line. */
  markUsed(entryId: string): boolean {
    if (!this.made) return false;
    return (
      this.sql.exec(
        "UPDATE entries SET status = 'used' WHERE id = ? AND status = 'admitted'",
        entryId,
      ).rowsWritten > 0
    );
  }

  /** Entries waiting with a rank: the ones the alarm still has to admit. */
  rankedWaiting(): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM entries WHERE status = 'waiting' AND rank IS NOT NULL",
      )
      .one().n;
  }

  counts(): { waiting: number; admitted: number } {
    return this.sql
      .exec<{ waiting: number; admitted: number }>(
        `SELECT coalesce(sum(status = 'waiting'), 0) AS waiting,
                coalesce(sum(admitted_at IS NOT NULL), 0) AS admitted FROM entries`,
      )
      .one();
  }
}
