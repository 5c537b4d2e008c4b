import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import worker from "../../src/index";
import { DEPARTURE_STEP, departAttendee } from "../../src/workflows/depart-attendee";
import { registerAttendee, registerOrganizer } from "../helpers";
import { SubrequestCounter } from "./subrequests";

/** Mark leaving, read D1, DEPARTURE_STEP ledgers, delete or enqueue: far below 1,000. */
const MOST_SUBREQUESTS = DEPARTURE_STEP + 3;

/**
 * `count` events and the attendee's confirmed booking on each, written straight into D1.
 * Each release still goes through the event's real ledger; that ledgers and D1 agree on
 * every interleaving is the other departure test's concern.
 */
const seedBookings = async (organizerId: string, attendeeId: string, count: number) => {
  const now = new Date().toISOString();
  const ids = Array.from({ length: count }, (_, i) => `scale-${String(i).padStart(4, "0")}`);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO events (id, organizer_id, title, country, start_date, end_date, capacity,
         waitlist_enabled, status, booked_count, waitlist_count, created_at, updated_at)
       SELECT value, ?, 'Symfony Meetup', 'FR', '2030-05-01T10:00:00.000Z', '2030-05-01T18:00:00.000Z',
         10, 0, 'scheduled', 1, 0, ?, ? FROM json_each(?)`,
    ).bind(organizerId, now, now, JSON.stringify(ids)),
    env.DB.prepare(
      `INSERT INTO bookings (id, event_id, attendee_id, status, queue_seq, created_at, updated_at)
       SELECT 'b-' || value, value, ?, 'confirmed', 1, ?, ? FROM json_each(?)`,
    ).bind(attendeeId, now, now, JSON.stringify(ids)),
  ]);
  return ids;
};

/**
 * Deletes an attendee holding `bookings` confirmed bookings (a multiple of DEPARTURE_STEP),
 * running each queued step through the real queue handler: every seat is released, in
 * bookings / DEPARTURE_STEP steps, none making more than a few subrequests.
 */
export const expectBoundedDeparture = async (bookings: number) => {
  const org = await registerOrganizer();
  const leaver = await registerAttendee("Leaver");
  const eventIds = await seedBookings(org.id, leaver.id, bookings);
  const active = await env.DB.prepare(
    "SELECT count(*) AS n FROM bookings WHERE attendee_id = ? AND status = 'confirmed'",
  )
    .bind(leaver.id)
    .first<{ n: number }>();
  expect(active?.n).toBe(bookings);

  const first = new SubrequestCounter();
  await departAttendee(first.env(), leaver.id);
  const invocations = [first.count];
  let pending = first.queued;
  while (pending.length > 0) {
    const counter = new SubrequestCounter();
    const batch = createMessageBatch(
      "booking-events",
      pending.map((body, i) => ({
        id: `step-${invocations.length}-${i}`,
        timestamp: new Date(),
        attempts: 1,
        body,
      })),
    );
    await worker.queue(batch, counter.env());
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.retryMessages).toEqual([]);
    invocations.push(counter.count);
    pending = counter.queued;
  }

  expect(Math.max(...invocations)).toBeLessThanOrEqual(MOST_SUBREQUESTS);
  expect(invocations.length).toBe(bookings / DEPARTURE_STEP + 1);
  const left = await env.DB.prepare(
    "SELECT count(*) AS n FROM bookings WHERE event_id IN (SELECT value FROM json_each(?))",
  )
    .bind(JSON.stringify(eventIds))
    .first<{ n: number }>();
  expect(left?.n).toBe(0);
  const row = await env.DB.prepare("SELECT id FROM attendees WHERE id = ?").bind(leaver.id).first();
  expect(row).toBeNull();
};
