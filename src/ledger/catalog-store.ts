import {
  inListingOrder,
  type Line,
  type PromoCodeRecord,
  type PromoKind,
  type Room,
  type TicketTypeRecord,
} from "../domain/catalog";
import { availableSeats } from "../domain/rules";
import type { LedgerEventRow } from "./rows";

type Counter = "confirmed" | "held" | "waitlisted";

type TypeRow = {
  id: string;
  name: string;
  description: string | null;
  price: number;
  quota: number | null;
  confirmed: number;
  held: number;
  waitlisted: number;
  hidden: number;
  sales_start_at: string | null;
  sales_end_at: string | null;
  min_per_booking: number;
  max_per_booking: number | null;
  position: number;
  created_at: string;
  updated_at: string;
};

type CodeRow = {
  id: string;
  code: string;
  kind: PromoKind;
  value: number | null;
  ticket_type_ids: string | null;
  max_uses: number | null;
  used_count: number;
  valid_from: string | null;
  valid_until: string | null;
  created_at: string;
};

const TYPE_COLUMNS = [
  "id",
  "name",
  "description",
  "price",
  "quota",
  "hidden",
  "sales_start_at",
  "sales_end_at",
  "min_per_booking",
  "max_per_booking",
  "position",
  "created_at",
  "updated_at",
] as const;

const typeOf = (row: TypeRow): TicketTypeRecord => ({
  id: row.id,
  name: row.name,
  description: row.description,
  price: row.price,
  quota: row.quota,
  confirmed: row.confirmed,
  held: row.held,
  waitlisted: row.waitlisted,
  hidden: row.hidden === 1,
  salesStartAt: row.sales_start_at,
  salesEndAt: row.sales_end_at,
  minPerBooking: row.min_per_booking,
  maxPerBooking: row.max_per_booking,
  position: row.position,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const typeValues = (t: TicketTypeRecord) => [
  t.id,
  t.name,
  t.description,
  t.price,
  t.quota,
  Number(t.hidden),
  t.salesStartAt,
  t.salesEndAt,
  t.minPerBooking,
  t.maxPerBooking,
  t.position,
  t.createdAt,
  t.updatedAt,
];

const codeOf = (row: CodeRow): PromoCodeRecord => ({
  id: row.id,
  code: row.code,
  kind: row.kind,
  value: row.value,
  ticketTypeIds: row.ticket_type_ids ? (JSON.parse(row.ticket_type_ids) as string[]) : null,
  maxUses: row.max_uses,
  usedCount: row.used_count,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  createdAt: row.created_at,
});

/**
 * The event's ticket types and promo codes in the ledger's SQLite, synchronous. The
 * types are read once per change and cached, as the event row is; a write drops them.
 */
export class CatalogStore {
  private cachedTypes: TicketTypeRecord[] | undefined;

  constructor(private readonly sql: SqlStorage) {}

  /** After a write, a rollback, or a wipe of the whole ledger. */
  dropCached() {
    this.cachedTypes = undefined;
  }

  /** Every type, in listing order. */
  types(): TicketTypeRecord[] {
    this.cachedTypes ??= inListingOrder(
      this.sql.exec<TypeRow>("SELECT * FROM ticket_types").toArray().map(typeOf),
    );
    return this.cachedTypes;
  }

  type(id: string): TicketTypeRecord | null {
    return this.types().find((t) => t.id === id) ?? null;
  }

  /** The type a booking by `seats` alone books: the first one on sale to everyone. */
  firstVisible(): TicketTypeRecord | null {
    return this.types().find((t) => !t.hidden) ?? null;
  }

  /** The type the event's `price` reads from: the first visible one, else the first. */
  priceType(): TicketTypeRecord | null {
    return this.firstVisible() ?? this.types()[0] ?? null;
  }

  /** The seats a decision may hand out: the event's, and each quota's. */
  room(event: LedgerEventRow): Room {
    const typeFree = new Map<string, number>();
    for (const t of this.types()) {
      if (t.quota !== null) typeFree.set(t.id, t.quota - t.confirmed - t.held);
    }
    return { free: availableSeats(event), typeFree };
  }

  /** Types some waiting booking wants: a newcomer wanting one of them waits behind it. */
  waitedFor(): Set<string> {
    return new Set(
      this.types()
        .filter((t) => t.waitlisted > 0)
        .map((t) => t.id),
    );
  }

  insertType(type: TicketTypeRecord) {
    this.sql.exec(
      `INSERT INTO ticket_types (${TYPE_COLUMNS.join(", ")})
       VALUES (${TYPE_COLUMNS.map(() => "?").join(", ")})`,
      ...typeValues(type),
    );
    this.dropCached();
  }

  /** Writes what an organizer sets; the seat counters move only with bookings. */
  updateType(type: TicketTypeRecord) {
    const [id, ...values] = typeValues(type);
    const set = TYPE_COLUMNS.slice(1).map((column) => `${column} = ?`);
    this.sql.exec(`UPDATE ticket_types SET ${set.join(", ")} WHERE id = ?`, ...values, id);
    this.dropCached();
  }

  deleteType(id: string) {
    this.sql.exec("DELETE FROM ticket_types WHERE id = ?", id);
    this.dropCached();
  }

  /** Moves each line's seats between its type's counters, as `count` does for the event. */
  count(lines: readonly Line[], changes: readonly [Counter, number][]) {
    if (changes.length === 0) return;
    const sets = changes.map(([column, sign]) => `${column} = ${column} + ? * ${Math.sign(sign)}`);
    for (const line of lines) {
      this.sql.exec(
        `UPDATE ticket_types SET ${sets.join(", ")} WHERE id = ?`,
        ...changes.map(() => line.quantity),
        line.ticketTypeId,
      );
    }
    this.dropCached();
  }

  /** The most seats of this type any waiting booking wants. */
  largestWaitingOf(typeId: string): number {
    return (
      this.sql
        .exec<{ n: number | null }>(
          `SELECT max(line.value ->> 'quantity') AS n
           FROM bookings, json_each(bookings.items) AS line
           WHERE bookings.status = 'waitlisted' AND line.value ->> 'ticketTypeId' = ?`,
          typeId,
        )
        .one().n ?? 0
    );
  }

  /** Codes not deleted, oldest first. */
  codes(): PromoCodeRecord[] {
    return this.sql
      .exec<CodeRow>("SELECT * FROM promo_codes WHERE deleted_at IS NULL ORDER BY created_at, id")
      .toArray()
      .map(codeOf);
  }

  /** The live code typed, whatever its case. */
  codeNamed(code: string): PromoCodeRecord | null {
    const row = this.sql
      .exec<CodeRow>(
        "SELECT * FROM promo_codes WHERE code = ? AND deleted_at IS NULL",
        code.toUpperCase(),
      )
      .toArray()[0];
    return row ? codeOf(row) : null;
  }

  code(id: string): PromoCodeRecord | null {
    const row = this.sql
      .exec<CodeRow>("SELECT * FROM promo_codes WHERE id = ? AND deleted_at IS NULL", id)
      .toArray()[0];
    return row ? codeOf(row) : null;
  }

  insertCode(code: PromoCodeRecord) {
    this.sql.exec(
      `INSERT INTO promo_codes (id, code, kind, value, ticket_type_ids, max_uses, used_count,
         valid_from, valid_until, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      code.id,
      code.code,
      code.kind,
      code.value,
      code.ticketTypeIds ? JSON.stringify(code.ticketTypeIds) : null,
      code.maxUses,
      code.validFrom,
      code.validUntil,
      code.createdAt,
    );
  }

  /** A deleted code takes no new uses; bookings that used it keep their price. */
  deleteCode(id: string, at: string) {
    this.sql.exec("UPDATE promo_codes SET deleted_at = ? WHERE id = ?", at, id);
  }

  /** Counts one use more or one less; deleted codes too, so a use given back is never lost. */
  use(id: string, by: 1 | -1) {
    this.sql.exec(
      "UPDATE promo_codes SET used_count = max(0, used_count + ?) WHERE id = ?",
      by,
      id,
    );
  }

  /** Whether the code, deleted or not, has a use left. */
  hasUseLeft(id: string): boolean {
    const row = this.sql
      .exec<{ left: number }>(
        "SELECT max_uses IS NULL OR used_count < max_uses AS left FROM promo_codes WHERE id = ?",
        id,
      )
      .toArray()[0];
    return row ? row.left === 1 : true;
  }
}
