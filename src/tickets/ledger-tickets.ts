import type { TicketChange, TicketCheckIn } from "../contracts/domain-events";
import type { ScanResult, TicketStatus } from "../domain/enums";
import { newId } from "../lib/ids";
import { decideScan, decisionOrder } from "./check-in";
import type { TicketLine } from "./lines";

/** A ticket row of the ledger's `tickets` table. */
export type LedgerTicketRow = {
  id: string;
  booking_id: string;
  position: number;
  ticket_type_id: string;
  ticket_type_name: string;
  status: TicketStatus;
  issued_at: string;
  checked_in_at: string | null;
  check_in_scan: string | null;
  revoked_at: string | null;
};

/** A scan as the Worker hands it over, its signature already checked. */
export interface LedgerScan {
  scanId: string;
  /** ISO 8601 UTC, never later than the Worker's clock; null: now. */
  scannedAt: string | null;
  /** The ticket the QR code names, or what the signature check found. */
  ticket: { id: string } | { refused: "invalid" | "wrong_event" };
}

/** The ticket a scan answer names: what the person at the door needs to see. */
export interface ScannedTicket {
  id: string;
  bookingId: string;
  eventId: string;
  ticketTypeId: string;
  ticketTypeName: string;
  holderName: string;
  status: TicketStatus;
  checkedInAt: string | null;
}

export interface ScanAnswer {
  result: ScanResult;
  ticket: ScannedTicket | null;
  checkedInAt: string | null;
}

/** What a scan changed, for the ledger's outbox: a check-in, or its time moved back. */
export interface TicketChanged {
  type: TicketChange;
  ticket: TicketCheckIn;
}

const TICKET_COLUMNS = [
  "id",
  "booking_id",
  "position",
  "ticket_type_id",
  "ticket_type_name",
  "status",
  "issued_at",
  "checked_in_at",
  "check_in_scan",
  "revoked_at",
] as const satisfies readonly (keyof LedgerTicketRow)[];

const checkInOf = (row: LedgerTicketRow, scanId: string): TicketCheckIn => ({
  id: row.id,
  bookingId: row.booking_id,
  ticketTypeId: row.ticket_type_id,
  checkedInAt: row.checked_in_at ?? "",
  scanId,
});

/**
 * The tickets of one event, in its ledger's SQLite, read and written inside the ledger's
 * transactions: a booking's tickets are issued and revoked in the transaction that
 * confirms or releases it, and each scan is decided in one, so a ticket is checked in once
 * however many scanners send it at the same moment.
 */
export class LedgerTickets {
  constructor(private readonly sql: SqlStorage) {}

  /**
   * Keeps a booking's tickets in step with its status: confirmed, it has one ticket per
   * seat; leaving `confirmed` (cancelled, refunded, the event cancelled), they are revoked.
   */
  follow(
    before: { status: string } | null,
    after: { id: string; status: string },
    lines: () => TicketLine[],
    now: string,
  ) {
    const was = before?.status === "confirmed";
    const is = after.status === "confirmed";
    if (is && !was) this.issue(after.id, lines(), now);
    if (was && !is) this.revoke(after.id, now);
  }

  private issue(bookingId: string, lines: TicketLine[], now: string) {
    const issued = this.sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM tickets WHERE booking_id = ?", bookingId)
      .one().n;
    if (issued > 0) return;
    let position = 0;
    for (const line of lines) {
      for (let i = 0; i < line.quantity; i++) {
        position++;
        this.sql.exec(
          `INSERT INTO tickets (id, booking_id, position, ticket_type_id, ticket_type_name,
             status, issued_at) VALUES (?, ?, ?, ?, ?, 'valid', ?)`,
          newId(),
          bookingId,
          position,
          line.ticketTypeId,
          line.name,
          now,
        );
      }
    }
  }

  private revoke(bookingId: string, now: string) {
    this.sql.exec(
      "UPDATE tickets SET status = 'revoked', revoked_at = ? WHERE booking_id = ? AND status != 'revoked'",
      now,
      bookingId,
    );
  }

  /** Every ticket of these bookings, for the D1 copy. */
  ofBookings(bookingIds: readonly string[]): LedgerTicketRow[] {
    if (bookingIds.length === 0) return [];
    return this.sql
      .exec<LedgerTicketRow>(
        `SELECT ${TICKET_COLUMNS.join(", ")} FROM tickets
         WHERE booking_id IN (SELECT value FROM json_each(?)) ORDER BY booking_id, position`,
        JSON.stringify(bookingIds),
      )
      .toArray();
  }

  private ticket(id: string): LedgerTicketRow | null {
    return (
      this.sql.exec<LedgerTicketRow>("SELECT * FROM tickets WHERE id = ?", id).toArray()[0] ?? null
    );
  }

  private earlierAnswer(scanId: string): ScanAnswer | null {
    const row = this.sql
      .exec<{ answer: string }>("SELECT answer FROM scans WHERE scan_id = ?", scanId)
      .toArray()[0];
    return row ? (JSON.parse(row.answer) as ScanAnswer) : null;
  }

  /**
   * Decides a batch of scans in one transaction (the caller's), earliest `scannedAt`
   * first. A scan id already decided gets its first answer again, whatever it carries now.
   */
  scan(
    scans: readonly LedgerScan[],
    context: {
      eventId: string;
      now: string;
      holderOf: (bookingId: string) => string;
    },
  ): { answers: ScanAnswer[]; changed: TicketChanged[] } {
    const timed = scans.map((scan) => ({ ...scan, scannedAt: scan.scannedAt ?? context.now }));
    const answers: ScanAnswer[] = new Array(scans.length);
    const changed: TicketChanged[] = [];
    for (const index of decisionOrder(timed)) {
      const scan = timed[index] as (typeof timed)[number];
      const earlier = this.earlierAnswer(scan.scanId);
      if (earlier) {
        answers[index] = earlier;
        continue;
      }
      const answer = this.decide(scan, context, changed);
      this.sql.exec(
        "INSERT INTO scans (scan_id, answer, scanned_at, decided_at) VALUES (?, ?, ?, ?)",
        scan.scanId,
        JSON.stringify(answer),
        scan.scannedAt,
        context.now,
      );
      answers[index] = answer;
    }
    return { answers, changed };
  }

  private decide(
    scan: LedgerScan & { scannedAt: string },
    context: { eventId: string; holderOf: (bookingId: string) => string },
    changed: TicketChanged[],
  ): ScanAnswer {
    if ("refused" in scan.ticket) {
      return { result: scan.ticket.refused, ticket: null, checkedInAt: null };
    }
    const row = this.ticket(scan.ticket.id);
    // Signed by this deployment, yet unknown to the event: nothing it names can be let in.
    if (!row) return { result: "invalid", ticket: null, checkedInAt: null };
    const decision = decideScan(
      { status: row.status, checkedInAt: row.checked_in_at },
      scan.scannedAt,
    );
    let after = row;
    if (decision.result === "ok") {
      after = { ...row, status: "checked_in", checked_in_at: decision.checkedInAt };
      this.sql.exec(
        "UPDATE tickets SET status = 'checked_in', checked_in_at = ?, check_in_scan = ? WHERE id = ?",
        decision.checkedInAt,
        scan.scanId,
        row.id,
      );
      changed.push({ type: "ticket.checked_in", ticket: checkInOf(after, scan.scanId) });
    } else if (decision.result === "already_checked_in" && decision.moved) {
      after = { ...row, checked_in_at: decision.checkedInAt };
      this.sql.exec(
        "UPDATE tickets SET checked_in_at = ? WHERE id = ?",
        decision.checkedInAt,
        row.id,
      );
      changed.push({ type: "ticket.check_in_moved", ticket: checkInOf(after, scan.scanId) });
    }
    return {
      result: decision.result,
      ticket: {
        id: after.id,
        bookingId: after.booking_id,
        eventId: context.eventId,
        ticketTypeId: after.ticket_type_id,
        ticketTypeName: after.ticket_type_name,
        holderName: context.holderOf(after.booking_id),
        status: after.status,
        checkedInAt: after.checked_in_at,
      },
      checkedInAt: decision.checkedInAt,
    };
  }
}
