import type { Booking } from "../contracts/booking";
import type { LedgerReply } from "../contracts/ledger";
import { refusal } from "../contracts/ledger";
import { errorText, log } from "../lib/logger";
import { paymentProvider } from "../payments";
import { type CheckoutLine, MISCONFIGURED_PAYMENTS, paymentsMode } from "../payments/provider";
import type { PaymentDecisions } from "./payment-decisions";
import { itemsOf, type LedgerBookingRow } from "./rows";
import type { LedgerTables } from "./tables";

/**
 * The checkout's line items: each line of the booking that costs something, at its price
 * after the discount (a percent or an amount off each seat leaves whole minor units).
 */
const checkoutLines = (row: LedgerBookingRow): CheckoutLine[] =>
  itemsOf(row)
    .filter((item) => item.amount > 0)
    .map((item) => ({
      name: item.name,
      unitAmount: item.amount / item.quantity,
      quantity: item.quantity,
    }));

/** Sessions opened per round; whatever is left waits for the next change or the alarm. */
const CHECKOUTS_PER_ROUND = 20;

/**
 * How long a booking's answer waits for its checkout link. A provider answers in well
 * under a second when it is well; a slower one must not hold the answer, which then
 * says `checkoutUrl: null` while the link is attached later and announced with it.
 */
const LINK_WAIT_MS = 1_500;

/** Holds decided before links carried their origin fall back on the configured one. */
const fallbackOrigin = (env: Env) => env.PUBLIC_URL || "http://localhost:8787";

/**
 * Opens the provider's checkout for held bookings of a paid event. The seat decision is
 * already made and stands; only the link is awaited here, outside any transaction, and
 * attached in a transaction of its own. The provider keys each session by the booking
 * and every attempt sends the parameters fixed with the hold, so opening one twice (a
 * retry, a restart) yields the same session.
 */
export class Checkouts {
  private readonly opening = new Map<string, Promise<Booking | null>>();

  constructor(
    private readonly env: Env,
    private readonly tables: LedgerTables,
    private readonly payments: PaymentDecisions,
    /** Copies and publishes what an attachment announced. */
    private readonly afterChange: () => Promise<void>,
  ) {}

  /**
   * A booking of a paid event is refused before any seat is held while no provider can
   * take its payment. Not an answer to remember under its Idempotency-Key: once the
   * configuration is fixed, the same request books.
   */
  unpayable(): LedgerReply<never> | null {
    // Any type with a price may need a checkout, whatever the event's first type costs.
    if (this.tables.catalog.types().every((type) => type.price === 0)) return null;
    if (paymentsMode(this.env) !== "misconfigured") return null;
    return refusal("misconfigured", MISCONFIGURED_PAYMENTS);
  }

  hasWork(): boolean {
    return this.payments.awaitingCheckout(1).length > 0;
  }

  /** The booking with its link; null when it no longer needs one or the provider failed. */
  open(bookingId: string): Promise<Booking | null> {
    let pending = this.opening.get(bookingId);
    if (!pending) {
      pending = this.create(bookingId).finally(() => this.opening.delete(bookingId));
      this.opening.set(bookingId, pending);
    }
    return pending;
  }

  /** A new paid hold's answer, with the link if the provider gives it in time. */
  async withLink(reply: LedgerReply<Booking>): Promise<LedgerReply<Booking>> {
    if (!reply.ok || reply.replayed || reply.body.payment?.status !== "requires_payment") {
      return reply;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), LINK_WAIT_MS);
    });
    const booking = await Promise.race([this.open(reply.body.id), late]);
    clearTimeout(timer);
    return { ...reply, body: booking ?? reply.body };
  }

  /**
   * Every held booking still without a link. Throws when some remain, so the alarm
   * backs off instead of asking a failing provider every few seconds.
   */
  async openAll(): Promise<void> {
    const rows = this.payments.awaitingCheckout(CHECKOUTS_PER_ROUND);
    await Promise.all(rows.map((row) => this.open(row.id)));
    if (this.hasWork()) throw new Error("some checkouts are not open yet");
  }

  private async create(bookingId: string): Promise<Booking | null> {
    const event = this.tables.event();
    const origin = fallbackOrigin(this.env);
    const row = this.tables.transaction(() => this.payments.checkoutTerms(bookingId, origin));
    if (!row?.checkout_notice || !event || row.checkout_expires_at === null) return null;
    try {
      const session = await paymentProvider(this.env).createCheckout({
        bookingId,
        eventId: event.id,
        eventTitle: row.checkout_title ?? event.title,
        attendeeId: row.attendee_id,
        seats: row.seats,
        lines: checkoutLines(row),
        currency: row.currency ?? "",
        expiresAt: row.checkout_expires_at,
        baseUrl: row.link_origin ?? origin,
        locale: "auto",
      });
      const booking = this.tables.transaction(() =>
        this.payments.attachCheckout(bookingId, session),
      );
      await this.afterChange();
      return booking;
    } catch (error) {
      log(this.env, "error", "opening a checkout failed; will retry", {
        eventId: event.id,
        bookingId,
        error: errorText(error),
      });
      return null;
    }
  }
}
