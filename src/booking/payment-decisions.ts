import { DAY_MS, nowIso } from "../lib/time";
import type { CheckoutSession, PaymentSettlement } from "../payments/provider";
import type { Booking } from "./booking";
import type { LedgerBookingRow } from "./ledger-rows";
import type { LedgerTables } from "./ledger-tables";
import { decidePayment } from "./payment-rules";
import { availableSeats, isBookable } from "./rules";
import { type SeatMoves, stateOf } from "./seat-moves";

/** Stripe retries a webhook for up to three days; its ids are remembered well beyond that. */
const HANDLED_IDS_MS = 30 * DAY_MS;

/** What the ledger did with a provider's report; unknown bookings are refunded by the caller. */
export type SettleReply = { known: false } | { known: true; booking: Booking };

/**
 * The ledger's payment decisions, run inside `LedgerTables.transaction` like every other
 * seat decision: a payment and the seat it buys are decided together, once per report.
 */
export class PaymentDecisions {
  constructor(
    private readonly sql: SqlStorage,
    private readonly tables: LedgerTables,
    private readonly moves: SeatMoves,
  ) {}

  /** Held bookings of a paid event still waiting for their checkout link, oldest first. */
  awaitingCheckout(limit: number): LedgerBookingRow[] {
    return this.sql
      .exec<LedgerBookingRow>(
        "SELECT * FROM bookings WHERE checkout_notice IS NOT NULL ORDER BY seq LIMIT ?",
        limit,
      )
      .toArray();
  }

  /** Gives a held booking its checkout and tells its attendee; too late once the hold is gone. */
  attachCheckout(bookingId: string, session: CheckoutSession): Booking | null {
    const row = this.tables.booking(bookingId);
    if (row?.status !== "pending" || !row.checkout_notice) return null;
    const attached: LedgerBookingRow = {
      ...row,
      session_id: session.id,
      checkout_url: session.url,
      checkout_notice: null,
      updated_at: nowIso(),
    };
    this.tables.updateBooking(attached);
    this.moves.announce(row.checkout_notice, attached);
    return this.moves.bookingOf(attached);
  }

  settle(report: PaymentSettlement, now: number): SettleReply {
    const firstTime = this.remember(report.id, now);
    this.moves.expireOverdue(now);
    const row = this.tables.booking(report.bookingId);
    if (!row || row.amount === null) return { known: false };
    if (!firstTime) return { known: true, booking: this.moves.bookingOf(row) };
    const decision = decidePayment(row, report.outcome, this.seatsFreeFor(row, now));
    const paid = { payment_intent: report.paymentIntentId, session_id: report.sessionId };
    let after = row;
    if (decision.kind === "confirm") {
      after = this.moves.move(row, "confirmed", "booking.confirmed", null, {
        ...paid,
        payment_status: "paid",
      });
    } else if (decision.kind === "refund") {
      // Only the refund is news: the attendee already heard the hold lapse or the cancellation.
      after = this.moves.move(row, "cancelled", "booking.closed", null, {
        ...paid,
        payment_status: "refunded",
      });
    } else if (decision.kind === "release") {
      after = this.moves.move(row, decision.to, `booking.${decision.to}`);
      this.moves.promoteWaitlisted();
    }
    return { known: true, booking: this.moves.bookingOf(after) };
  }

  /** Drops report ids old enough that the provider no longer sends them. */
  forget(now: number) {
    this.sql.exec("DELETE FROM payment_events WHERE handled_at < ?", now - HANDLED_IDS_MS);
  }

  /** Records a report's id; false when it was already decided on. */
  private remember(id: string, now: number): boolean {
    const inserted = this.sql.exec(
      "INSERT INTO payment_events (id, handled_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
      id,
      now,
    );
    return inserted.rowsWritten > 0;
  }

  /**
   * A lapsed hold's seats are its again only as a newcomer's would be: the event still
   * takes bookings, nobody waits ahead, the seats are free, and the attendee has not
   * booked again meanwhile.
   */
  private seatsFreeFor(row: LedgerBookingRow, now: number): boolean {
    const state = stateOf(this.tables.currentEvent());
    return (
      isBookable(state, new Date(now)) &&
      state.waitlisted === 0 &&
      row.seats <= availableSeats(state) &&
      this.tables.activeBookingOf(row.attendee_id) === null
    );
  }
}
