import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { anyone, as, bodyOf, settle } from "../client";
import { ledgerStub } from "./invariants";

type SeatRow = { id: string; attendee_id: string; status: string; seats: number; seq: number };

const ledgerSeatRows = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => {
    const sql = state.storage.sql;
    return {
      rows: sql
        .exec<SeatRow>("SELECT id, attendee_id, status, seats, seq FROM bookings ORDER BY seq")
        .toArray(),
      promoted: sql
        .exec<{ id: string }>("SELECT booking_id AS id FROM outbox WHERE type = 'booking.promoted'")
        .toArray()
        .map((r) => r.id),
    };
  });

const d1SeatRows = async (eventId: string) =>
  (
    await env.DB.prepare(
      `SELECT id, attendee_id, status, seats, queue_seq AS seq FROM bookings
       WHERE event_id = ? ORDER BY queue_seq`,
    )
      .bind(eventId)
      .all<SeatRow>()
  ).results;

const seatsIn = (rows: SeatRow[], status: string) =>
  rows.filter((r) => r.status === status).reduce((n, r) => n + r.seats, 0);

/**
 * The contract's guarantees with seats and holds, on the ledger, on D1 and between the
 * two: confirmed + held seats within capacity, one active booking per attendee, the
 * waitlist served in order, and no free seat left while the head of the waitlist fits.
 */
export const expectSeatInvariants = async (eventId: string, capacity: number) => {
  const { rows, promoted } = await ledgerSeatRows(eventId);
  expect(await d1SeatRows(eventId)).toEqual(rows);
  const confirmed = seatsIn(rows, "confirmed");
  const held = seatsIn(rows, "pending");
  const waitlisted = seatsIn(rows, "waitlisted");
  expect(confirmed + held).toBeLessThanOrEqual(capacity);
  const active = rows.filter((r) => ["pending", "confirmed", "waitlisted"].includes(r.status));
  const attendees = active.map((r) => r.attendee_id);
  expect(new Set(attendees).size).toBe(attendees.length);
  const waiting = rows.filter((r) => r.status === "waitlisted");
  const head = waiting[0];
  if (head) expect(head.seats).toBeGreaterThan(capacity - confirmed - held);
  // A promotion never passed anyone: whoever was promoted arrived before all still waiting.
  const promotedSeqs = rows.filter((r) => promoted.includes(r.id)).map((r) => r.seq);
  if (head) for (const seq of promotedSeqs) expect(seq).toBeLessThan(head.seq);
  const event = await bodyOf(await anyone.api.events[":id"].$get({ param: { id: eventId } }), 200);
  expect(event).toMatchObject({
    bookedCount: confirmed,
    heldSeats: held,
    waitlistCount: waitlisted,
    availableSeats: capacity - confirmed - held,
  });
  return { rows, confirmed, held, waitlisted };
};

export const order = (
  eventId: string,
  attendee: { id: string; token: string },
  body: { seats?: number; hold?: boolean },
  key?: string,
) =>
  settle(
    as(attendee.token).api.bookings.$post({
      json: { eventId, attendeeId: attendee.id, ...body },
      header: key ? { "idempotency-key": key } : {},
    }),
  );

/** Moves a live hold's expiry into the past, as if its minutes had gone by. */
export const lapseHold = (eventId: string, bookingId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => {
    state.storage.sql.exec(
      "UPDATE bookings SET expires_at = ? WHERE id = ? AND status = 'pending'",
      Date.now() - 1,
      bookingId,
    );
  });

/** The change types the ledger recorded for a booking, in order. */
export const outboxTypes = (eventId: string, bookingId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) =>
    state.storage.sql
      .exec<{ type: string }>(
        "SELECT type FROM outbox WHERE booking_id = ? ORDER BY seq",
        bookingId,
      )
      .toArray()
      .map((r) => r.type),
  );
