import type { Booking } from "../contracts/booking";
import { newcomerFits } from "../domain/catalog";
import { checkoutExpiry, decidePayment } from "../domain/payment-terms";
import { isBookable } from "../domain/rules";
import { DAY_MS, nowIso } from "../lib/time";
import type { CheckoutSession, PaymentSettlement } from "../payments/provider";
import { itemsOf, type LedgerBookingRow } from "./rows";
import { type SeatMoves, stateOf } from "./seat-moves";
import type { LedgerTables } from "./tables";

/** Stripe retries a webhook for up to three days; its ids are remembered well beyond that. */
const HANDLED_IDS_MS = 30 * DAY_MS;

/** What the ledger did with a provider's report; unknown bookings are refunded by the caller. */
export type SettleReply = { known: false } | { known: true; booking: Booking };

export type RefundOutcome = { kind: "refunded"; refundId: string } | { kind: "failed" };

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

  /**
   * The checkout's fixed parameters, set now for a hold decided before they were stored:
   * from then on every attempt sends the same.
   */
  checkoutTerms(bookingId: string, fallbackOrigin: string): LedgerBookingRow | null {
    const row = this.tables.booking(bookingId);
    if (!row || row.expires_at === null || row.checkout_expires_at !== null) return row;
    const fixed = {
      ...row,
      checkout_expires_at: checkoutExpiry(row.expires_at, Date.now()),
      checkout_title: this.tables.currentEvent().title,
      link_origin: row.link_origin ?? fallbackOrigin,
    };
    this.tables.updateBooking(fixed);
    return fixed;
  }

  /**
   * Gives a held booking its checkout and tells its attendee. Too late once the hold is
   * gone: the session just opened is then expired, so nobody pays for a released seat.
   */
  attachCheckout(bookingId: string, session: CheckoutSession): Booking | null {
    const row = this.tables.booking(bookingId);
    if (
      row &&
      row.session_id !== session.id &&
      (row.status !== "pending" || !row.checkout_notice)
    ) {
      this.moves.expireCheckout(row, session.id);
      return null;
    }
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
    const found = this.tables.booking(report.bookingId);
    if (!found || found.amount === null) return { known: false };
    if (!firstTime) return { known: true, booking: this.moves.bookingOf(found) };
    const row = this.closedWithEvent(found);
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
        payment_status: "refund_pending",
      });
    } else if (decision.kind === "release") {
      after = this.moves.move(row, decision.to, `booking.${decision.to}`);
      this.moves.promoteWaitlisted();
    }
    return { known: true, booking: this.moves.bookingOf(after) };
  }

  /**
   * How a refund ended, as the refund workflow reports it: confirmed by the provider
   * (the attendee is told now, with the provider's refund id), or given up on after days
   * of retries (`refund_failed`, for the organizer to see). Answers whether the booking
   * is known here; a report on a refund no longer pending decides nothing.
   */
  settleRefund(bookingId: string, outcome: RefundOutcome): boolean {
    const row = this.tables.booking(bookingId);
    if (!row) return false;
    if (row.payment_status !== "refund_pending") return true;
    const settled: LedgerBookingRow = {
      ...row,
      payment_status: outcome.kind === "refunded" ? "refunded" : "refund_failed",
      updated_at: nowIso(),
    };
    this.tables.updateBooking(settled);
    const { payment_intent: paymentIntentId, amount, currency } = row;
    if (outcome.kind === "failed" || !paymentIntentId || amount === null || !currency) {
      this.moves.announce("refund.failed", settled);
      return true;
    }
    const refund = { paymentIntentId, amount, currency, refundId: outcome.refundId };
    this.moves.announce("booking.refunded", settled, { refund });
    return true;
  }

  /**
   * A deleted event lets go of its bookings a slice at a time; one a report reaches
   * before its slice did is let go of now, so a payment never takes a deleted seat.
   */
  private closedWithEvent(row: LedgerBookingRow): LedgerBookingRow {
    const active =
      row.status === "pending" || row.status === "confirmed" || row.status === "waitlisted";
    if (!active || this.tables.currentEvent().deleting_at === null) return row;
    const closed = this.moves.move(row, "cancelled", "booking.closed");
    const changes = { status: "cancelled" as const };
    this.moves.announce("event.cancelled", null, { changes, recipients: [row.attendee_id] });
    return closed;
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
   * takes bookings, its lines fit with nobody waiting ahead for their types, its promo
   * code has a use left, and the attendee has not booked again meanwhile.
   */
  private seatsFreeFor(row: LedgerBookingRow, now: number): boolean {
    const event = this.tables.currentEvent();
    const { catalog } = this.tables;
    return (
      isBookable(stateOf(event), new Date(now)) &&
      newcomerFits(catalog.room(event), itemsOf(row), catalog.waitedFor()) &&
      (row.promo_code_id === null || catalog.hasUseLeft(row.promo_code_id)) &&
      this.tables.activeBookingOf(row.attendee_id) === null
    );
  }
}
