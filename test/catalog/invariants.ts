import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { ledgerStub } from "../races/invariants";

type Item = { ticketTypeId: string; quantity: number; amount: number };
type Row = {
  id: string;
  attendee_id: string;
  status: string;
  seats: number;
  amount: number | null;
  items: string;
  promo_code: string | null;
};
type TypeRow = {
  id: string;
  quota: number | null;
  confirmed: number;
  held: number;
  waitlisted: number;
};
type CodeRow = { code: string; max_uses: number | null; used_count: number };

const ACTIVE = ["pending", "confirmed", "waitlisted"];
const TAKEN: Record<string, "confirmed" | "held" | "waitlisted"> = {
  confirmed: "confirmed",
  pending: "held",
  waitlisted: "waitlisted",
};

/**
 * The ticket types' guarantees, checked on the ledger's own tables and on D1's copy:
 * seats within capacity and within every quota, each type's counters equal to its
 * bookings' lines, every booking's lines summing to its seats and its amount, no code
 * used more than its maxUses, one active booking per attendee, and D1 showing the same.
 */
export const expectCatalogInvariants = async (eventId: string) => {
  const { rows, types, codes, capacity } = await runInDurableObject(
    ledgerStub(eventId),
    (_, state) => {
      const sql = state.storage.sql;
      return {
        rows: sql
          .exec<Row>(
            "SELECT id, attendee_id, status, seats, amount, items, promo_code FROM bookings ORDER BY seq",
          )
          .toArray(),
        types: sql
          .exec<TypeRow>("SELECT id, quota, confirmed, held, waitlisted FROM ticket_types")
          .toArray(),
        codes: sql.exec<CodeRow>("SELECT code, max_uses, used_count FROM promo_codes").toArray(),
        capacity: sql.exec<{ capacity: number }>("SELECT capacity FROM event").one().capacity,
      };
    },
  );
  const counted = new Map(types.map((t) => [t.id, { confirmed: 0, held: 0, waitlisted: 0 }]));
  let taken = 0;
  for (const row of rows) {
    const items = JSON.parse(row.items) as Item[];
    expect(items.reduce((n, i) => n + i.quantity, 0)).toBe(row.seats);
    expect(items.reduce((n, i) => n + i.amount, 0)).toBe(row.amount ?? 0);
    const counter = TAKEN[row.status];
    if (!counter) continue;
    if (counter !== "waitlisted") taken += row.seats;
    for (const item of items) {
      const type = counted.get(item.ticketTypeId);
      if (type) type[counter] += item.quantity;
    }
  }
  expect(taken).toBeLessThanOrEqual(capacity);
  for (const type of types) {
    const { confirmed, held, waitlisted } = type;
    expect({ confirmed, held, waitlisted }).toEqual(counted.get(type.id));
    if (type.quota !== null) expect(confirmed + held).toBeLessThanOrEqual(type.quota);
  }
  for (const code of codes) {
    const uses = rows.filter((r) => r.promo_code === code.code && ACTIVE.includes(r.status));
    expect(code.used_count).toBe(uses.length);
    if (code.max_uses !== null) expect(code.used_count).toBeLessThanOrEqual(code.max_uses);
  }
  const active = rows.filter((r) => ACTIVE.includes(r.status)).map((r) => r.attendee_id);
  expect(new Set(active).size).toBe(active.length);

  const copy = await env.DB.prepare(
    "SELECT id, attendee_id, status, seats, amount, items, promo_code FROM bookings WHERE event_id = ? ORDER BY queue_seq",
  )
    .bind(eventId)
    .all<Row>();
  expect(copy.results).toEqual(rows);
  const event = await env.DB.prepare("SELECT ticket_types FROM events WHERE id = ?")
    .bind(eventId)
    .first<{ ticket_types: string }>();
  const copied = JSON.parse(event?.ticket_types ?? "[]") as TypeRow[];
  expect(
    copied
      .map(({ id, confirmed, held, waitlisted }) => ({ id, confirmed, held, waitlisted }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  ).toEqual(
    types
      .map(({ id, confirmed, held, waitlisted }) => ({ id, confirmed, held, waitlisted }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  );
  return { rows, types, codes };
};
