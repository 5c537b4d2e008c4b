// The races run one per file, each against storage emptied for it. The runtime's fetch
// path no longer slows down with every request (test/setup/flat-wrappers.ts).
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { anyone, as, bodyOf, settle } from "../client";
import { registerAttendee } from "../helpers";

type Row = { id: string; attendee_id: string; status: string; seq: number };

export const ledgerStub = (eventId: string) =>
  env.EVENT_LEDGER.get(env.EVENT_LEDGER.idFromName(eventId));

export const ledgerRows = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) =>
    state.storage.sql
      .exec<Row>("SELECT id, attendee_id, status, seq FROM bookings ORDER BY seq")
      .toArray(),
  );

export const d1Rows = async (eventId: string) =>
  (
    await env.DB.prepare(
      "SELECT id, attendee_id, status, queue_seq AS seq FROM bookings WHERE event_id = ? ORDER BY queue_seq",
    )
      .bind(eventId)
      .all<Row>()
  ).results;

/** The guarantees of the contract, checked on the ledger, on D1, and between the two. */
export const expectInvariants = async (eventId: string, capacity: number) => {
  const ledger = await ledgerRows(eventId);
  const copy = await d1Rows(eventId);
  expect(copy).toEqual(ledger);
  const confirmed = ledger.filter((r) => r.status === "confirmed");
  const waiting = ledger.filter((r) => r.status === "waitlisted");
  expect(confirmed.length).toBeLessThanOrEqual(capacity);
  const active = [...confirmed, ...waiting].map((r) => r.attendee_id);
  expect(new Set(active).size).toBe(active.length);
  // Nobody waits while a seat is free.
  if (waiting.length > 0) expect(confirmed.length).toBe(capacity);
  const event = await bodyOf(await anyone.api.events[":id"].$get({ param: { id: eventId } }), 200);
  expect(event.bookedCount).toBe(confirmed.length);
  expect(event.waitlistCount).toBe(waiting.length);
  expect(event.availableSeats).toBe(capacity - confirmed.length);
  return { ledger, confirmed, waiting };
};

export const attendeesFor = (count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => registerAttendee(`Buyer ${i}`)));

/** The organizer's booking for an attendee, who D1 checks before any ledger decides. */
export const bookFor = (eventId: string, organizerToken: string, attendee: { id: string }) =>
  settle(
    as(organizerToken).api.bookings.$post({
      json: { eventId, attendeeId: attendee.id },
      header: {},
    }),
  );

/** The attendee's booking, its answer settled: races read answers of any status. */
export const book = (eventId: string, attendee: { id: string; token: string }, key?: string) =>
  settle(
    as(attendee.token).api.bookings.$post({
      json: { eventId, attendeeId: attendee.id },
      header: key ? { "idempotency-key": key } : {},
    }),
  );
