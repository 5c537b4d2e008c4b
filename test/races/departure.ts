import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { BookRequest } from "../../src/contracts/ledger";
import { ledgerStub } from "./invariants";

type ActiveRow = { id: string; attendee_id: string; status: string };
type Counts = { confirmed: number; waitlisted: number };

/** The ledger's internals, reached only to force one interleaving deterministically. */
type LedgerInternals = {
  adoptEvent(eventId: string): Promise<boolean>;
  tables: { transaction<T>(decision: () => T): T };
  decisions: { placeBooking(request: BookRequest): unknown };
  outbox: { syncToD1(): Promise<void>; resetPositions(): void };
};

export const bookRequest = (
  eventId: string,
  attendee: { id: string; name: string },
): BookRequest => ({
  eventId,
  attendeeId: attendee.id,
  attendeeName: attendee.name,
  seats: 1,
  hold: false,
  origin: "http://api.test",
  scope: `attendee:${attendee.id}`,
  bookedBy: "attendee",
});

/** The ledger decides a booking but has not copied it to D1 yet. */
export const decideWithoutCopy = (eventId: string, attendee: { id: string; name: string }) =>
  runInDurableObject(ledgerStub(eventId), async (instance) => {
    const ledger = instance as unknown as LedgerInternals;
    await ledger.adoptEvent(eventId);
    ledger.tables.transaction(() => ledger.decisions.placeBooking(bookRequest(eventId, attendee)));
  });

/** A booking decided and copied, its notification left out: seeds many ledgers cheaply. */
export const decideAndCopy = (eventId: string, attendee: { id: string; name: string }) =>
  runInDurableObject(ledgerStub(eventId), async (instance, state) => {
    const ledger = instance as unknown as LedgerInternals;
    await ledger.adoptEvent(eventId);
    ledger.tables.transaction(() => ledger.decisions.placeBooking(bookRequest(eventId, attendee)));
    await ledger.outbox.syncToD1();
    state.storage.sql.exec("UPDATE outbox SET published = 1");
    ledger.outbox.resetPositions();
  });

/** The copy of what the ledger decided reaches D1 now. */
export const copyNow = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), async (instance) => {
    await (instance as unknown as LedgerInternals).outbox.syncToD1();
  });

/** Lets every ledger finish what it deferred (copies of released orphans). */
export const settle = async (eventIds: readonly string[]) => {
  for (const id of eventIds) await runDurableObjectAlarm(ledgerStub(id));
};

const ledgerState = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => ({
    active: state.storage.sql
      .exec<ActiveRow>(
        "SELECT id, attendee_id, status FROM bookings WHERE status IN ('confirmed', 'waitlisted') ORDER BY id",
      )
      .toArray(),
    counts: state.storage.sql
      .exec<Counts>("SELECT confirmed, waitlisted FROM event")
      .toArray()[0] as Counts,
  }));

const d1State = async (eventId: string) => {
  const { results } = await env.DB.prepare(
    "SELECT id, attendee_id, status FROM bookings WHERE event_id = ? AND status IN ('confirmed', 'waitlisted') ORDER BY id",
  )
    .bind(eventId)
    .all<ActiveRow>();
  const counts = await env.DB.prepare(
    "SELECT booked_count AS confirmed, waitlist_count AS waitlisted FROM events WHERE id = ?",
  )
    .bind(eventId)
    .first<Counts>();
  return { active: results, counts };
};

/** Every seat the ledger counts belongs to a booking D1 shows, and the counters match. */
export const expectLedgerAndD1Agree = async (eventId: string) => {
  const ledger = await ledgerState(eventId);
  expect(await d1State(eventId)).toEqual(ledger);
  expect(ledger.counts.confirmed).toBe(
    ledger.active.filter((r) => r.status === "confirmed").length,
  );
  return ledger;
};
