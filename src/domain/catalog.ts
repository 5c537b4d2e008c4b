/**
 * The rules of an event sold as several ticket types: which waiting bookings a freed seat
 * promotes, what a promo code takes off each line, and whether a code may be used once
 * more. Pure functions of numbers; the event's ledger holds the numbers and applies them
 * inside its transaction. An event with a single type and no quota is the special case
 * `promotable` (rules.ts) serves through `promotionWalk`.
 */

/** One line of an order: so many seats of one ticket type. */
export interface Line {
  ticketTypeId: string;
  quantity: number;
}

/**
 * The seats a decision may still hand out: `free` of the event's capacity, and for each
 * type with a quota, what is left of it. A type absent from `typeFree` has no quota.
 */
export interface Room {
  free: number;
  typeFree: ReadonlyMap<string, number>;
}

export const seatsIn = (lines: readonly Line[]) => lines.reduce((n, l) => n + l.quantity, 0);

/** Whether an order fits, and if not, what stops it: the event's capacity or a type's quota. */
export type Fit = "fits" | "capacity" | "quota";

export const fitOf = (room: Room, lines: readonly Line[]): Fit => {
  if (seatsIn(lines) > room.free) return "capacity";
  const overQuota = lines.some(
    (l) => l.quantity > (room.typeFree.get(l.ticketTypeId) ?? Number.POSITIVE_INFINITY),
  );
  return overQuota ? "quota" : "fits";
};

/** Seats one type can still sell: the event's seats left, and its own quota's. */
export const availableOfType = (room: Room, ticketTypeId: string) =>
  Math.max(0, Math.min(room.free, room.typeFree.get(ticketTypeId) ?? room.free));

/** The room left once `lines` are granted. */
export const take = (room: Room, lines: readonly Line[]): Room => {
  const typeFree = new Map(room.typeFree);
  for (const line of lines) {
    const left = typeFree.get(line.ticketTypeId);
    if (left !== undefined) typeFree.set(line.ticketTypeId, left - line.quantity);
  }
  return { free: room.free - seatsIn(lines), typeFree };
};

/**
 * The waitlist walk, in arrival order. A booking whose lines all fit is promoted. The
 * walk stops at the first booking that does not fit the event's capacity. A booking that
 * does not fit only because a type's quota is full is passed over, and keeps waiting ahead of
 * every later booking that wants one of its types, as it does ahead of a newcomer
 * (`newcomerFits`): nobody passes a booking waiting for the same tickets, so a booking held
 * back that way holds back those behind it in turn. Bookings of other types go on being served.
 */
export const promotionWalk = <T extends { lines: readonly Line[] }>(
  room: Room,
  waitlist: Iterable<T>,
): T[] => {
  const blocked = new Set<string>();
  const served: T[] = [];
  let left = room;
  for (const booking of waitlist) {
    const behind = booking.lines.some((l) => blocked.has(l.ticketTypeId));
    const fit = behind ? null : fitOf(left, booking.lines);
    if (fit === "capacity") break;
    if (behind || fit === "quota") {
      for (const line of booking.lines) blocked.add(line.ticketTypeId);
      continue;
    }
    served.push(booking);
    left = take(left, booking.lines);
  }
  return served;
};

/** The types the waiting bookings want. */
export const typesWanted = (waitlist: Iterable<{ lines: readonly Line[] }>) => {
  const wanted = new Set<string>();
  for (const booking of waitlist) for (const line of booking.lines) wanted.add(line.ticketTypeId);
  return wanted;
};

/**
 * Whether a newcomer may take seats now: its lines fit, and no earlier waiting booking
 * wants one of its types (a newcomer never passes someone waiting for the same tickets).
 */
export const newcomerFits = (
  room: Room,
  lines: readonly Line[],
  waitedFor: ReadonlySet<string>,
): boolean => !lines.some((l) => waitedFor.has(l.ticketTypeId)) && fitOf(room, lines) === "fits";

export type PromoKind = "percent" | "amount" | "unlock";

export interface PromoTerms {
  kind: PromoKind;
  /** Percent 1..100, or minor units off each seat; none for `unlock`. */
  value: number | null;
  /** The types it applies to; null for every type. */
  ticketTypeIds: readonly string[] | null;
}

export interface PricedLine extends Line {
  /** Minor units per seat, before any discount. */
  unitPrice: number;
}

export interface Item extends PricedLine {
  /** What the code takes off the whole line, in minor units. */
  discount: number;
  /** What the line costs: unitPrice × quantity − discount. */
  amount: number;
}

const appliesTo = (terms: PromoTerms, ticketTypeId: string) =>
  terms.ticketTypeIds === null || terms.ticketTypeIds.includes(ticketTypeId);

/** What a code takes off one seat of a type it names: whole minor units, never below zero. */
export const seatDiscount = (terms: PromoTerms, unitPrice: number): number => {
  if (terms.kind === "percent") return Math.floor((unitPrice * (terms.value ?? 0)) / 100);
  if (terms.kind === "amount") return Math.min(terms.value ?? 0, unitPrice);
  return 0;
};

/** Each line with its discount and amount; the booking's amount is the sum of the lines'. */
export const priceLines = (lines: readonly PricedLine[], terms: PromoTerms | null): Item[] =>
  lines.map((line) => {
    const perSeat =
      terms && appliesTo(terms, line.ticketTypeId) ? seatDiscount(terms, line.unitPrice) : 0;
    const discount = perSeat * line.quantity;
    return { ...line, discount, amount: line.unitPrice * line.quantity - discount };
  });

export const totalOf = (items: readonly Item[]) => items.reduce((n, i) => n + i.amount, 0);

export interface CodeState {
  maxUses: number | null;
  /** Active bookings (pending, confirmed, waitlisted) that used the code. */
  usedCount: number;
  validFrom: string | null;
  validUntil: string | null;
  deleted: boolean;
}

/**
 * Whether a code may be used by one more booking at `now`: `invalid` when it is deleted
 * or outside its window, `exhausted` when its uses are all taken. A use is given back
 * when its booking is cancelled or expires, so `usedCount` counts active bookings only.
 */
export const codeUse = (code: CodeState, now: number): "ok" | "invalid" | "exhausted" => {
  if (code.deleted) return "invalid";
  if (code.validFrom && now < Date.parse(code.validFrom)) return "invalid";
  if (code.validUntil && now >= Date.parse(code.validUntil)) return "invalid";
  if (code.maxUses !== null && code.usedCount >= code.maxUses) return "exhausted";
  return "ok";
};

/**
 * A ticket type as its event's ledger keeps it and D1 copies it (as JSON on the event's
 * row): what the organizer set, and the seats its bookings hold in each status.
 */
export interface TicketTypeRecord {
  id: string;
  name: string;
  description: string | null;
  /** Minor units per seat. */
  price: number;
  /** Null: only the event's capacity caps it. */
  quota: number | null;
  confirmed: number;
  held: number;
  waitlisted: number;
  hidden: boolean;
  salesStartAt: string | null;
  salesEndAt: string | null;
  minPerBooking: number;
  /** Null: the event's maxSeatsPerBooking, whatever it becomes. */
  maxPerBooking: number | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** The first type's id on events created before ticket types: their tickets carry it. */
export const GENERAL_TYPE_ID = "general";

/** The first type of every event, carrying its price until the organizer adds others. */
export const FIRST_TYPE_NAME = "General admission";

/** The type an event is created with: its price, for as many seats as a booking may take. */
export const firstTypeOf = (event: {
  typeId: string;
  price: number;
  createdAt: string;
}): TicketTypeRecord => ({
  id: event.typeId,
  name: FIRST_TYPE_NAME,
  description: null,
  price: event.price,
  quota: null,
  confirmed: 0,
  held: 0,
  waitlisted: 0,
  hidden: false,
  salesStartAt: null,
  salesEndAt: null,
  minPerBooking: 1,
  maxPerBooking: null,
  position: 0,
  createdAt: event.createdAt,
  updatedAt: event.createdAt,
});

/** Seats a type can still sell: the event's seats left, and its own quota's. */
export const typeAvailable = (type: TicketTypeRecord, eventFree: number) =>
  Math.max(
    0,
    Math.min(eventFree, type.quota === null ? eventFree : type.quota - type.confirmed - type.held),
  );

/** Types in listing order: by position, then by age. */
export const inListingOrder = <T extends { position: number; createdAt: string }>(types: T[]) =>
  [...types].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));

/** A line of a booking, named as it was when booked. */
export interface BookingItem extends Item {
  name: string;
}

export interface PromoCodeRecord {
  id: string;
  /** Upper case: codes match whatever the case they are typed in. */
  code: string;
  kind: PromoKind;
  value: number | null;
  /** Null: every type of the event. */
  ticketTypeIds: string[] | null;
  maxUses: number | null;
  usedCount: number;
  validFrom: string | null;
  validUntil: string | null;
  createdAt: string;
}
