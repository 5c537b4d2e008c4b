import { expectCall } from "./client";
import type { Booked } from "./load";

const PAGE = 100;
const MAX_PAGES = 1_000;

interface BookingRow {
  attendeeId: string;
  seats: number;
  status: "pending" | "confirmed" | "waitlisted" | "cancelled" | "expired";
  waitlistPosition: number | null;
}

const seatsIn = (rows: readonly BookingRow[]) => rows.reduce((n, r) => n + r.seats, 0);

/** Every booking of the event, page by page, as its organizer sees them. */
const allBookings = async (base: string, token: string, eventId: string) => {
  const rows: BookingRow[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const path = `/api/events/${eventId}/bookings?limit=${PAGE}&offset=${page * PAGE}`;
    const answer = await expectCall(200, base, "GET", path, { token });
    rows.push(...answer.data);
    if (answer.data.length < PAGE || rows.length >= answer.pagination.total) return rows;
  }
  throw new Error(`event ${eventId} has more than ${MAX_PAGES * PAGE} bookings`);
};

/**
 * The guarantees of the contract, checked through the API after a phase: seats never
 * oversold, none left free while the head of the waitlist fits, one active booking per
 * attendee, a gapless waitlist, the event's counters equal to the seats of its
 * bookings, and exactly the `201` answers hold a booking, with the seats they said.
 */
export const checkEvent = async (
  base: string,
  organizerToken: string,
  eventId: string,
  booked: readonly Booked[],
): Promise<string[]> => {
  const event = await expectCall(200, base, "GET", `/api/events/${eventId}`);
  const rows = await allBookings(base, organizerToken, eventId);
  const violations: string[] = [];
  const fail = (message: string) => violations.push(`event ${eventId}: ${message}`);
  const made = booked.filter((b) => b.eventId === eventId);
  const winners = new Map(made.map((b) => [b.attendeeId, b.seats]));
  const confirmed = rows.filter((r) => r.status === "confirmed");
  const held = rows.filter((r) => r.status === "pending");
  const waiting = rows.filter((r) => r.status === "waitlisted");
  const active = [...confirmed, ...held, ...waiting];
  const taken = seatsIn(confirmed) + seatsIn(held);

  if (taken > event.capacity) fail(`${taken} seats taken of ${event.capacity}`);
  const head = [...waiting].sort(
    (a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0),
  )[0];
  if (head && head.seats <= event.capacity - taken) {
    fail(`the head of the waitlist (${head.seats} seats) fits in ${event.capacity - taken} free`);
  }
  const attendees = new Set(active.map((r) => r.attendeeId));
  if (attendees.size !== active.length) {
    fail(`${active.length - attendees.size} attendees hold two active bookings`);
  }
  const positions = waiting.map((r) => r.waitlistPosition ?? 0).sort((a, b) => a - b);
  if (positions.some((p, i) => p !== i + 1)) fail("waitlist positions are not exactly 1..n");
  if (!event.waitlistEnabled && waiting.length > 0) fail("waitlisted bookings without a waitlist");
  const counters: [string, number, number][] = [
    ["bookedCount", event.bookedCount, seatsIn(confirmed)],
    ["heldSeats", event.heldSeats, seatsIn(held)],
    ["waitlistCount", event.waitlistCount, seatsIn(waiting)],
  ];
  for (const [name, shown, counted] of counters) {
    if (shown !== counted) fail(`${name} ${shown} but ${counted} seats counted`);
  }
  const lost = [...winners.keys()].filter((id) => !attendees.has(id)).length;
  const phantom = active.filter((r) => !winners.has(r.attendeeId)).length;
  const resized = active.filter((r) => (winners.get(r.attendeeId) ?? r.seats) !== r.seats).length;
  if (lost > 0) fail(`${lost} bookings answered 201 but hold no active booking`);
  if (phantom > 0) fail(`${phantom} active bookings that no 201 answer announced`);
  if (resized > 0) fail(`${resized} bookings hold other seats than their 201 answer said`);
  return violations;
};
