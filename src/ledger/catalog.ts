import {
  type PromoCode,
  type PromoCodeInput,
  presentTicketType,
  type TicketType,
  type TicketTypeChanges,
} from "../contracts/catalog";
import { type LedgerReply, refusal } from "../contracts/ledger";
import {
  type BookingItem,
  codeUse,
  firstTypeOf,
  GENERAL_TYPE_ID,
  type Line,
  newcomerFits,
  type PromoCodeRecord,
  priceLines,
  seatsIn,
  type TicketTypeRecord,
  totalOf,
} from "../domain/catalog";
import { MAXIMUM_CHARGE, minimumCharge } from "../domain/money";
import { paymentTermsError } from "../domain/payment-terms";
import { availableSeats } from "../domain/rules";
import { newId } from "../lib/ids";
import type { FieldError } from "../lib/problem";
import { nowIso } from "../lib/time";
import type { LedgerEventRow } from "./rows";
import type { LedgerTables } from "./tables";

/** What an order asks for: so many seats of the first type, or lines, and maybe a code. */
export interface OrderRequest {
  seats: number;
  items?: readonly Line[];
  promoCode?: string;
}

/** An order the catalog accepts: its priced lines, the code it uses, whether it fits now. */
export interface PricedOrder {
  items: BookingItem[];
  seats: number;
  amount: number;
  code: PromoCodeRecord | null;
  fits: boolean;
}

type Refused = Extract<LedgerReply<never>, { ok: false }>;

const invalid = (path: string, message: string): Refused =>
  refusal("validation_failed", message, [{ path, message }]);

const unlocks = (code: PromoCodeRecord | null, typeId: string) =>
  code !== null && (code.ticketTypeIds === null || code.ticketTypeIds.includes(typeId));

/** A type's sale window inside the event's, on the values the type will have. */
const typeWindowError = (
  type: Pick<TicketTypeRecord, "salesStartAt" | "salesEndAt">,
  event: LedgerEventRow,
): FieldError | null => {
  if (type.salesEndAt && type.salesEndAt > event.start_date) {
    return { path: "salesEndAt", message: "salesEndAt must not be after the event's startDate" };
  }
  if (type.salesStartAt && type.salesStartAt >= (type.salesEndAt ?? event.start_date)) {
    return {
      path: "salesStartAt",
      message: "salesStartAt must be before salesEndAt and the start",
    };
  }
  return null;
};

/**
 * The event's ticket types and promo codes: what an order costs and whether its lines
 * fit, and the organizer's changes to types and codes. Runs inside the ledger's
 * transaction, as every seat decision does, so a quota or a code's `maxUses` holds
 * under any concurrency.
 */
export class LedgerCatalog {
  constructor(private readonly tables: LedgerTables) {}

  private get store() {
    return this.tables.catalog;
  }

  /** An adopted event's types, as D1 stored them at its creation (or its price as one). */
  adopt(event: LedgerEventRow, types: readonly TicketTypeRecord[] | null) {
    const first = firstTypeOf({
      typeId: GENERAL_TYPE_ID,
      price: event.price,
      createdAt: event.created_at,
    });
    for (const type of types?.length ? types : [first]) this.store.insertType(type);
  }

  /** Every type, hidden ones included, as the API shows them. */
  present(): TicketType[] {
    const event = this.tables.currentEvent();
    const shown = {
      id: event.id,
      currency: event.currency,
      free: availableSeats(event),
      maxSeatsPerBooking: event.max_seats_per_booking,
    };
    return this.store.types().map((t) => presentTicketType(t, shown));
  }

  /** Whether `code` is a live code of this event that unlocks hidden types. */
  unlocked(code: string): string[] | null {
    const found = this.store.codeNamed(code);
    if (!found || codeUse({ ...found, deleted: false }, Date.now()) === "invalid") return null;
    return found.ticketTypeIds ?? this.store.types().map((t) => t.id);
  }

  /**
   * Prices an order and weighs it against the seats left. Refuses unknown, hidden or
   * closed types, quantities outside a type's bounds, and codes that cannot be used.
   */
  price(request: OrderRequest, event: LedgerEventRow, now: number): PricedOrder | Refused {
    let code: PromoCodeRecord | null = null;
    if (request.promoCode !== undefined) {
      code = this.store.codeNamed(request.promoCode);
      const use = code ? codeUse({ ...code, deleted: false }, now) : "invalid";
      if (use === "invalid" || !code) {
        return refusal("promo_code_invalid", "This code is unknown here, or not valid now.");
      }
      if (use === "exhausted") {
        return refusal("promo_code_exhausted", "Every use of this code is taken.");
      }
    }
    const lines = this.linesOf(request);
    if ("ok" in lines) return lines;
    // An order by seats alone is refused on `seats`, as before it had lines.
    const path = request.items ? "items" : "seats";
    const items: BookingItem[] = [];
    for (const line of lines) {
      const type = this.store.type(line.ticketTypeId);
      if (!type) return invalid(path, `No ticket type ${line.ticketTypeId} in this event.`);
      if (type.hidden && !unlocks(code, type.id)) {
        return refusal(
          "ticket_type_hidden",
          `Ticket type ${type.name} needs a code that unlocks it.`,
        );
      }
      const most = type.maxPerBooking ?? event.max_seats_per_booking;
      if (line.quantity < type.minPerBooking || line.quantity > most) {
        const bounds = `${type.minPerBooking} to ${most}`;
        return invalid(path, `${type.name} is sold ${bounds} per booking.`);
      }
      if (type.quota !== null && line.quantity > type.quota) {
        return invalid(path, `${type.name} has ${type.quota} seats in all.`);
      }
      if (type.salesStartAt && now < Date.parse(type.salesStartAt)) {
        return refusal("sales_not_open", `Sales of ${type.name} open at ${type.salesStartAt}.`);
      }
      if (type.salesEndAt && now >= Date.parse(type.salesEndAt)) {
        return refusal("sales_closed", `Sales of ${type.name} closed at ${type.salesEndAt}.`);
      }
      items.push({ ...line, name: type.name, unitPrice: type.price, discount: 0, amount: 0 });
    }
    if (code?.ticketTypeIds && !items.some((i) => code.ticketTypeIds?.includes(i.ticketTypeId))) {
      return refusal("promo_code_invalid", "This code applies to none of the types ordered.");
    }
    const names = new Map(items.map((i) => [i.ticketTypeId, i.name]));
    const priced = priceLines(items, code).map((item) => ({
      ...item,
      name: names.get(item.ticketTypeId) ?? "",
    }));
    const amount = totalOf(priced);
    const seats = seatsIn(priced);
    if (amount > MAXIMUM_CHARGE) {
      return invalid(
        path,
        `This order costs ${amount}; a booking costs at most ${MAXIMUM_CHARGE}.`,
      );
    }
    const least = event.currency ? minimumCharge(event.currency) : 0;
    if (code && amount > 0 && amount < least) {
      return invalid(
        "promoCode",
        `With this code the order costs ${amount}, below the least charge of ${least}.`,
      );
    }
    const fits = newcomerFits(this.store.room(event), priced, this.store.waitedFor());
    return { items: priced, seats, amount, code, fits };
  }

  /** The request's lines: its items, or its seats of the first type on sale to everyone. */
  private linesOf(request: OrderRequest): readonly Line[] | Refused {
    if (request.items) return request.items;
    const first = this.store.firstVisible();
    if (!first) {
      return refusal("ticket_type_hidden", "Every type of this event needs a code: order items.");
    }
    return [{ ticketTypeId: first.id, quantity: request.seats }];
  }

  createType(input: TicketTypeChanges & { name: string; price: number }): LedgerReply<TicketType> {
    const event = this.tables.currentEvent();
    const now = nowIso();
    const last = this.store.types().at(-1);
    const type: TicketTypeRecord = {
      id: newId(),
      name: input.name,
      description: input.description ?? null,
      price: input.price,
      quota: input.quota ?? null,
      confirmed: 0,
      held: 0,
      waitlisted: 0,
      hidden: input.hidden ?? false,
      salesStartAt: input.salesStartAt ?? null,
      salesEndAt: input.salesEndAt ?? null,
      minPerBooking: input.minPerBooking ?? 1,
      maxPerBooking: input.maxPerBooking ?? null,
      position: input.position ?? (last ? last.position + 1 : 0),
      createdAt: now,
      updatedAt: now,
    };
    const error = this.typeError(type, event);
    if (error) return refusal("validation_failed", error.message, [error]);
    this.store.insertType(type);
    this.followFirstPrice();
    return { ok: true, status: 201, body: this.presented(type.id) };
  }

  updateType(id: string, changes: TicketTypeChanges): LedgerReply<TicketType> {
    const event = this.tables.currentEvent();
    const stored = this.store.type(id);
    if (!stored) return refusal("not_found", "No ticket type has this id in this event.");
    const defined = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    );
    const type: TicketTypeRecord = { ...stored, ...defined, updatedAt: nowIso() };
    const error = this.typeError(type, event);
    if (error) return refusal("validation_failed", error.message, [error]);
    if (type.quota !== null && type.quota < type.confirmed + type.held) {
      const taken = type.confirmed + type.held;
      return refusal(
        "capacity_below_booked",
        `${taken} seats of ${type.name} are confirmed or held; its quota cannot go below that.`,
      );
    }
    // As with the capacity: a waiting booking that could never fit would wait forever.
    const waiting = type.quota === null ? 0 : this.store.largestWaitingOf(id);
    if (type.quota !== null && type.quota < waiting) {
      return refusal(
        "capacity_below_booked",
        `A waitlisted booking wants ${waiting} seats of ${type.name}; its quota cannot go below that.`,
      );
    }
    this.store.updateType(type);
    this.followFirstPrice();
    return { ok: true, status: 200, body: this.presented(id) };
  }

  deleteType(id: string): LedgerReply<TicketType> {
    const type = this.store.type(id);
    if (!type) return refusal("not_found", "No ticket type has this id in this event.");
    if (type.confirmed + type.held + type.waitlisted > 0) {
      return refusal("ticket_type_in_use", `${type.name} has active bookings.`);
    }
    if (this.store.types().length === 1) {
      return refusal("ticket_type_in_use", "An event keeps at least one ticket type.");
    }
    const shown = this.presented(id);
    this.store.deleteType(id);
    this.followFirstPrice();
    return { ok: true, status: 200, body: shown };
  }

  codes(): PromoCode[] {
    return this.store.codes();
  }

  createCode(input: PromoCodeInput): LedgerReply<PromoCode> {
    const code = input.code.toUpperCase();
    if (this.store.codeNamed(code)) {
      return invalid("code", `This event already has a code ${code}.`);
    }
    const unknown = input.ticketTypeIds?.find((id) => !this.store.type(id));
    if (unknown) return invalid("ticketTypeIds", `No ticket type ${unknown} in this event.`);
    const record: PromoCodeRecord = {
      id: newId(),
      code,
      kind: input.kind,
      value: input.kind === "unlock" ? null : (input.value ?? null),
      ticketTypeIds: input.ticketTypeIds ? [...new Set(input.ticketTypeIds)] : null,
      maxUses: input.maxUses ?? null,
      usedCount: 0,
      validFrom: input.validFrom ?? null,
      validUntil: input.validUntil ?? null,
      createdAt: nowIso(),
    };
    this.store.insertCode(record);
    return { ok: true, status: 201, body: record };
  }

  deleteCode(id: string): LedgerReply<PromoCode> {
    const code = this.store.code(id);
    if (!code) return refusal("not_found", "No promo code has this id in this event.");
    this.store.deleteCode(id, nowIso());
    return { ok: true, status: 200, body: code };
  }

  /** A price edit of the event is an edit of the type its `price` reads from. */
  setEventPrice(price: number) {
    const first = this.store.priceType();
    if (first && first.price !== price) {
      this.store.updateType({ ...first, price, updatedAt: nowIso() });
    }
  }

  /**
   * The highest price among the types once the event's `price` (its first visible
   * type's) is `price`: the event's currency and hold must be able to charge it.
   */
  highestPriceWith(price: number): number {
    const first = this.store.priceType();
    const others = this.store.types().filter((t) => t.id !== first?.id);
    return Math.max(price, ...others.map((t) => t.price));
  }

  private presented(id: string): TicketType {
    const found = this.present().find((t) => t.id === id);
    if (!found) throw new Error(`ticket type ${id} vanished`);
    return found;
  }

  /** The event's `price` reads as its first visible type's price. */
  private followFirstPrice() {
    const first = this.store.priceType();
    const event = this.tables.currentEvent();
    if (first && first.price !== event.price) this.tables.setPrice(first.price);
  }

  private typeError(type: TicketTypeRecord, event: LedgerEventRow): FieldError | null {
    if (type.minPerBooking > (type.maxPerBooking ?? event.max_seats_per_booking)) {
      return { path: "minPerBooking", message: "minPerBooking must not exceed maxPerBooking" };
    }
    if (type.price > 0) {
      const terms = {
        price: type.price,
        currency: event.currency,
        holdMinutes: event.hold_minutes,
      };
      const error = paymentTermsError(terms);
      if (error) return { path: "price", message: error.message };
    }
    return typeWindowError(type, event);
  }
}
