import { describe, expect, it } from "vitest";
import {
  availableSeats,
  decideBooking,
  decideCapacity,
  type EventState,
  isBookable,
  promotable,
} from "../../src/domain/rules";

const NOW = new Date("2030-01-01T12:00:00.000Z");

const eventState = (overrides: Partial<EventState> = {}): EventState => ({
  capacity: 3,
  waitlistEnabled: false,
  status: "scheduled",
  startDate: "2030-05-01T10:00:00.000Z",
  confirmed: 0,
  held: 0,
  waitlisted: 0,
  maxSeatsPerBooking: 10,
  holdMinutes: 15,
  paid: false,
  ...overrides,
});

/** One seat, confirmed at once: the order every booking was before seats and holds. */
const ONE = { seats: 1, hold: false };

describe("availableSeats", () => {
  it("is capacity minus confirmed, never negative", () => {
    expect(availableSeats({ capacity: 3, confirmed: 0, held: 0, waitlisted: 0 })).toBe(3);
    expect(availableSeats({ capacity: 3, confirmed: 2, held: 0, waitlisted: 0 })).toBe(1);
    expect(availableSeats({ capacity: 3, confirmed: 3, held: 0, waitlisted: 0 })).toBe(0);
    expect(availableSeats({ capacity: 3, confirmed: 5, held: 0, waitlisted: 0 })).toBe(0);
  });
});

describe("isBookable", () => {
  it("takes bookings only for a scheduled event that starts after now", () => {
    expect(isBookable(eventState(), NOW)).toBe(true);
    expect(isBookable(eventState({ startDate: "2030-01-01T12:00:00.001Z" }), NOW)).toBe(true);
  });

  it("refuses an event starting exactly now or earlier", () => {
    expect(isBookable(eventState({ startDate: NOW.toISOString() }), NOW)).toBe(false);
    expect(isBookable(eventState({ startDate: "2029-12-31T12:00:00.000Z" }), NOW)).toBe(false);
  });

  it.each(["cancelled"] as const)("refuses a %s event", (status) => {
    expect(isBookable(eventState({ status }), NOW)).toBe(false);
  });
});

describe("decideBooking", () => {
  it("confirms while seats remain", () => {
    expect(decideBooking(eventState(), ONE, false, NOW)).toEqual({
      ok: true,
      status: "confirmed",
      expiresAt: null,
    });
    expect(decideBooking(eventState({ confirmed: 2 }), ONE, false, NOW)).toEqual({
      ok: true,
      status: "confirmed",
      expiresAt: null,
    });
  });

  it("confirms on a free seat even when the event has a waitlist", () => {
    const event = eventState({ waitlistEnabled: true, confirmed: 2, waitlisted: 0 });
    expect(decideBooking(event, ONE, false, NOW)).toEqual({
      ok: true,
      status: "confirmed",
      expiresAt: null,
    });
  });

  it("waitlists when full and the waitlist is enabled", () => {
    const event = eventState({ waitlistEnabled: true, confirmed: 3, waitlisted: 4 });
    expect(decideBooking(event, ONE, false, NOW)).toEqual({
      ok: true,
      status: "waitlisted",
      expiresAt: null,
    });
  });

  it("refuses event_full when full without a waitlist", () => {
    const decision = decideBooking(eventState({ confirmed: 3 }), ONE, false, NOW);
    expect(decision).toMatchObject({ ok: false, code: "event_full" });
  });

  it("refuses already_booked when the attendee holds an active booking", () => {
    expect(decideBooking(eventState(), ONE, true, NOW)).toMatchObject({
      ok: false,
      code: "already_booked",
    });
    const full = eventState({ confirmed: 3, waitlistEnabled: true });
    expect(decideBooking(full, ONE, true, NOW)).toMatchObject({
      ok: false,
      code: "already_booked",
    });
  });

  it.each(["cancelled"] as const)("refuses event_not_bookable for a %s event", (status) => {
    const decision = decideBooking(eventState({ status }), ONE, false, NOW);
    expect(decision).toMatchObject({ ok: false, code: "event_not_bookable" });
  });

  it("refuses event_not_bookable once the event has started, relative to now", () => {
    const event = eventState({ startDate: "2030-01-01T11:59:59.999Z" });
    expect(decideBooking(event, ONE, false, NOW)).toMatchObject({
      ok: false,
      code: "event_not_bookable",
    });
    expect(decideBooking(event, ONE, false, new Date("2030-01-01T11:00:00.000Z"))).toEqual({
      ok: true,
      status: "confirmed",
      expiresAt: null,
    });
  });

  it("refuses a closed event before looking at seats or duplicates", () => {
    const event = eventState({ status: "cancelled", confirmed: 3 });
    expect(decideBooking(event, ONE, true, NOW)).toMatchObject({
      ok: false,
      code: "event_not_bookable",
    });
  });

  it("gives every refusal a human detail", () => {
    const decision = decideBooking(eventState({ confirmed: 3 }), ONE, false, NOW);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.detail).toEqual(expect.any(String));
  });
});

describe("decideCapacity", () => {
  it("refuses capacity_below_booked under the confirmed count", () => {
    const decision = decideCapacity(eventState({ capacity: 5, confirmed: 4 }), 3, 0);
    expect(decision).toMatchObject({ ok: false, code: "capacity_below_booked" });
  });

  it("accepts exactly the confirmed count", () => {
    const decision = decideCapacity(eventState({ capacity: 5, confirmed: 4, waitlisted: 2 }), 4, 1);
    expect(decision).toEqual({ ok: true });
  });

  it("accepts a raise, which then promotes one-seat bookings while seats are free", () => {
    const full = eventState({ capacity: 2, confirmed: 2, waitlisted: 3, waitlistEnabled: true });
    const waiting = [{ seats: 1 }, { seats: 1 }, { seats: 1 }];
    const raises: [number, number][] = [
      [3, 1],
      [4, 2],
      [10, 3],
    ];
    for (const [capacity, promoted] of raises) {
      expect(decideCapacity(full, capacity, 1)).toEqual({ ok: true });
      expect(promotable({ ...full, capacity }, waiting)).toHaveLength(promoted);
    }
  });

  it("promotes nobody when nobody waits", () => {
    const full = eventState({ capacity: 2, confirmed: 2 });
    expect(decideCapacity(full, 50, 0)).toEqual({ ok: true });
    expect(promotable({ ...full, capacity: 50 }, [])).toEqual([]);
  });
});
