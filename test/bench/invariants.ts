import { expectCall } from "./client";
import type { Booked } from "./load";

const PAGE = 100;
const MAX_PAGES = 1_000;

interface BookingRow {
  attendeeId: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  waitlistPosition: number | null;
}

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
 * oversold nor left empty, one active booking per attendee, a gapless waitlist, the
 * event's counters equal to its bookings, and exactly the 201 answers hold a booking.
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
  const winners = new Set(booked.filter((b) => b.eventId === eventId).map((b) => b.attendeeId));
  const confirmed = rows.filter((r) => r.status === "confirmed");
  const waiting = rows.filter((r) => r.status === "waitlisted");
  const active = [...confirmed, ...waiting].map((r) => r.attendeeId);

  const expectedConfirmed = Math.min(event.capacity, winners.size);
  if (confirmed.length !== expectedConfirmed) {
    fail(`${confirmed.length} confirmed, expected ${expectedConfirmed}`);
  }
  if (new Set(active).size !== active.length) {
    fail(`${active.length - new Set(active).size} attendees hold two active bookings`);
  }
  const positions = waiting.map((r) => r.waitlistPosition ?? 0).sort((a, b) => a - b);
  if (positions.some((p, i) => p !== i + 1)) fail("waitlist positions are not exactly 1..n");
  if (!event.waitlistEnabled && waiting.length > 0) fail("waitlisted bookings without a waitlist");
  if (event.bookedCount !== confirmed.length) {
    fail(`bookedCount ${event.bookedCount} but ${confirmed.length} confirmed bookings`);
  }
  if (event.waitlistCount !== waiting.length) {
    fail(`waitlistCount ${event.waitlistCount} but ${waiting.length} waitlisted bookings`);
  }
  const holders = new Set(active);
  const lost = [...winners].filter((id) => !holders.has(id)).length;
  const phantom = active.filter((id) => !winners.has(id)).length;
  if (lost > 0) fail(`${lost} bookings answered 201 but hold no active booking`);
  if (phantom > 0) fail(`${phantom} active bookings that no 201 answer announced`);
  return violations;
};
