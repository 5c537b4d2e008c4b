import { EDITABLE_COLUMNS, type EditableColumns } from "../contracts/event";
import type { BookingItem } from "../domain/catalog";
import type { BookedBy, BookingStatus, PaymentStatus } from "../domain/enums";
import { checkoutExpiry } from "../domain/payment-terms";

/** The ledger's `event` row: the event's own columns, its counters and its reminder. */
export type LedgerEventRow = {
  id: string;
  organizer_id: string;
} & EditableColumns & {
    /** Seats of confirmed, pending and waitlisted bookings. */
    confirmed: number;
    held: number;
    waitlisted: number;
    next_seq: number;
    reminder_at: number | null;
    reminder_sent: number;
    sales_opened_sent: number;
    published_sent: number;
    /** Epoch milliseconds: when the organizer deleted the event; its ledger then only winds down. */
    deleting_at: number | null;
    created_at: string;
    updated_at: string;
  };

/** The columns a ledger takes over from D1 when it adopts its event. */
export const ADOPTED_COLUMNS = [
  "id",
  "organizer_id",
  ...EDITABLE_COLUMNS,
  "created_at",
  "updated_at",
] as const;

export type AdoptedEvent = Pick<LedgerEventRow, (typeof ADOPTED_COLUMNS)[number]>;

export type { EditableColumns };

/**
 * A booking's name until its D1 copy lands, when the route checked a signed token alone:
 * the copy then brings back the name D1 holds (no attendee is named the empty string).
 */
export const UNCHECKED_NAME = "";

export type LedgerBookingRow = {
  id: string;
  attendee_id: string;
  attendee_name: string;
  status: BookingStatus;
  seats: number;
  /** Epoch milliseconds; set while pending. */
  expires_at: number | null;
  seq: number;
  created_at: string;
  updated_at: string;
  booked_by: BookedBy;
  /** JSON: the booking's lines (`BookingItem[]`), as priced when it was placed. */
  items: string | null;
  /** The promo code it used, counted among the code's uses while the booking is active. */
  promo_code_id: string | null;
  promo_code: string | null;
} & LedgerPayment;

/** A booking's payment; every column null on a free booking. */
export type LedgerPayment = {
  /** The sum of its lines when the booking was placed: later price changes do not touch it. */
  amount: number | null;
  currency: string | null;
  payment_status: PaymentStatus | null;
  session_id: string | null;
  checkout_url: string | null;
  payment_intent: string | null;
  /** The announcement that waits for the checkout link: booking.pending or booking.promoted. */
  checkout_notice: "booking.pending" | "booking.promoted" | null;
  /**
   * Epoch milliseconds: when the checkout session expires, fixed when the hold is decided,
   * so every attempt to open it sends the provider the same parameters.
   */
  checkout_expires_at: number | null;
  /** The event's title when the hold was decided: the checkout's line item names it. */
  checkout_title: string | null;
  /** Where the attendee reached this API: checkout and return links start with it. */
  link_origin: string | null;
};

export const FREE: LedgerPayment = {
  amount: null,
  currency: null,
  payment_status: null,
  session_id: null,
  checkout_url: null,
  payment_intent: null,
  checkout_notice: null,
  checkout_expires_at: null,
  checkout_title: null,
  link_origin: null,
};

/** Every column of a ledger booking, in the order `insertBooking` writes them. */
export const BOOKING_COLUMNS = [
  "id",
  "attendee_id",
  "attendee_name",
  "status",
  "seats",
  "expires_at",
  "seq",
  "created_at",
  "updated_at",
  "amount",
  "currency",
  "payment_status",
  "session_id",
  "checkout_url",
  "payment_intent",
  "checkout_notice",
  "checkout_expires_at",
  "checkout_title",
  "link_origin",
  "booked_by",
  "items",
  "promo_code_id",
  "promo_code",
] as const satisfies readonly (keyof LedgerBookingRow)[];

/**
 * A booking that costs something owes the sum of its lines at the prices of the moment
 * it was placed; a held one waits for its checkout link before its attendee is told. The
 * checkout's parameters are fixed here, with the hold.
 */
export const paymentOfNewBooking = (
  event: Pick<LedgerEventRow, "currency" | "title">,
  amount: number,
  hold: { status: BookingStatus; expiresAt: number | null; decidedAt: number; origin: string },
): LedgerPayment => {
  if (amount === 0 || event.currency === null) return FREE;
  const held = hold.status === "pending" && hold.expiresAt !== null;
  return {
    ...FREE,
    amount,
    currency: event.currency,
    payment_status: "requires_payment",
    checkout_notice: held ? "booking.pending" : null,
    checkout_expires_at: held ? checkoutExpiry(hold.expiresAt as number, hold.decidedAt) : null,
    checkout_title: held ? event.title : null,
    link_origin: hold.origin,
  };
};

/** A booking's lines; a row without them (none is left after the catalog's migration) has none. */
export const itemsOf = (row: Pick<LedgerBookingRow, "items">): BookingItem[] =>
  row.items ? (JSON.parse(row.items) as BookingItem[]) : [];
