import { describe, expect, it } from "vitest";
import {
  availableSeats,
  decideBooking,
  decideCapacity,
  type EventState,
  isBookable,
  nextInLine,
  promotionsDue,
} from "../../src/booking/rules";

const NOW = new Date("2030-01-01T12:00:00.000Z");

const eventState = (overrides: Partial<EventState> = {}): EventState => ({
  capacity: 3,
  waitlistEnabled: false,
  status: "scheduled",
  startDate: "2030-05-01T10:00:00.000Z",
  confirmed: 0,
  waitlisted: 0,
  ...overrides,
});

describe("availableSeats", () => {
  it("is capacity minus confirmed, never negative", () => {
    expect(availableSeats({ capacity: 3, confirmed: 0 })).toBe(3);
    expect(availableSeats({ capacity: 3, confirmed: 2 })).toBe(1);
    expect(availableSeats({ capacity: 3, confirmed: 3 })).toBe(0);
    expect(availableSeats({ capacity: 3, confirmed: 5 })).toBe(0);
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
    expect(decideBooking(eventState(), false, NOW)).toEqual({ ok: true, status: "confirmed" });
    expect(decideBooking(eventState({ confirmed: 2 }), false, NOW)).toEqual({
      ok: true,
      status: "confirmed",
    });
  });

  it("confirms on a free seat even when the event has a waitlist", () => {
    const event = eventState({ waitlistEnabled: true, confirmed: 2, waitlisted: 0 });
    expect(decideBooking(event, false, NOW)).toEqual({ ok: true, status: "confirmed" });
  });

  it("waitlists when full and the waitlist is enabled", () => {
    const event = eventState({ waitlistEnabled: true, confirmed: 3, waitlisted: 4 });
    expect(decideBooking(event, false, NOW)).toEqual({ ok: true, status: "waitlisted" });
  });

  it("refuses event_full when full without a waitlist", () => {
    const decision = decideBooking(eventState({ confirmed: 3 }), false, NOW);
    expect(decision).toMatchObject({ ok: false, code: "event_full" });
  });

  it("refuses already_booked when the attendee holds an active booking", () => {
    expect(decideBooking(eventState(), true, NOW)).toMatchObject({
      ok: false,
      code: "already_booked",
    });
    const full = eventState({ confirmed: 3, waitlistEnabled: true });
    expect(decideBooking(full, true, NOW)).toMatchObject({ ok: false, code: "already_booked" });
  });

  it.each(["cancelled"] as const)("refuses event_not_bookable for a %s event", (status) => {
    const decision = decideBooking(eventState({ status }), false, NOW);
    expect(decision).toMatchObject({ ok: false, code: "event_not_bookable" });
  });

  it("refuses event_not_bookable once the event has started, relative to now", () => {
    const event = eventState({ startDate: "2030-01-01T11:59:59.999Z" });
    expect(decideBooking(event, false, NOW)).toMatchObject({
      ok: false,
      code: "event_not_bookable",
    });
    expect(decideBooking(event, false, new Date("2030-01-01T11:00:00.000Z"))).toEqual({
      ok: true,
      status: "confirmed",
    });
  });

  it("refuses a closed event before looking at seats or duplicates", () => {
    const event = eventState({ status: "cancelled", confirmed: 3 });
    expect(decideBooking(event, true, NOW)).toMatchObject({
      ok: false,
      code: "event_not_bookable",
    });
  });

  it("gives every refusal a human detail", () => {
    const decision = decideBooking(eventState({ confirmed: 3 }), false, NOW);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.detail).toEqual(expect.any(String));
  });
});

describe("promotionsDue", () => {
  it("is the smaller of free seats and waitlisted bookings", () => {
    expect(promotionsDue(eventState({ capacity: 3, confirmed: 3, waitlisted: 5 }), NOW)).toBe(0);
    expect(promotionsDue(eventState({ capacity: 3, confirmed: 2, waitlisted: 5 }), NOW)).toBe(1);
    expect(promotionsDue(eventState({ capacity: 10, confirmed: 2, waitlisted: 5 }), NOW)).toBe(5);
    expect(promotionsDue(eventState({ capacity: 10, confirmed: 2, waitlisted: 0 }), NOW)).toBe(0);
  });

  it("is zero on a cancelled event and on one already under way", () => {
    const waiting = { capacity: 10, confirmed: 2, waitlisted: 5 };
    expect(promotionsDue(eventState({ ...waiting, status: "cancelled" }), NOW)).toBe(0);
    const started = eventState({ ...waiting, startDate: "2029-12-31T10:00:00.000Z" });
    expect(promotionsDue(started, NOW)).toBe(0);
  });
});

describe("decideCapacity", () => {
  it("refuses capacity_below_booked under the confirmed count", () => {
    const decision = decideCapacity(eventState({ capacity: 5, confirmed: 4 }), 3);
    expect(decision).toMatchObject({ ok: false, code: "capacity_below_booked" });
  });

  it("accepts exactly the confirmed count", () => {
    const decision = decideCapacity(eventState({ capacity: 5, confirmed: 4, waitlisted: 2 }), 4);
    expect(decision).toEqual({ ok: true });
  });

  it("accepts a raise, which then promotes min(free seats, waitlisted)", () => {
    const full = eventState({ capacity: 2, confirmed: 2, waitlisted: 3, waitlistEnabled: true });
    const raises: [number, number][] = [
      [3, 1],
      [4, 2],
      [10, 3],
    ];
    for (const [capacity, promoted] of raises) {
      expect(decideCapacity(full, capacity)).toEqual({ ok: true });
      expect(promotionsDue({ ...full, capacity }, NOW)).toBe(promoted);
    }
  });

  it("promotes nobody when nobody waits", () => {
    const full = eventState({ capacity: 2, confirmed: 2 });
    expect(decideCapacity(full, 50)).toEqual({ ok: true });
    expect(promotionsDue({ ...full, capacity: 50 }, NOW)).toBe(0);
  });
});

describe("nextInLine", () => {
  const waitlist = [
    { id: "c", seq: 7 },
    { id: "a", seq: 2 },
    { id: "d", seq: 9 },
    { id: "b", seq: 4 },
  ];

  it("takes the oldest first whatever the input order", () => {
    expect(nextInLine(waitlist, 1).map((b) => b.id)).toEqual(["a"]);
    expect(nextInLine(waitlist, 3).map((b) => b.id)).toEqual(["a", "b", "c"]);
  });

  it("never skips anyone: every prefix is the head of the queue", () => {
    const order = nextInLine(waitlist, waitlist.length).map((b) => b.id);
    expect(order).toEqual(["a", "b", "c", "d"]);
    for (let n = 0; n <= waitlist.length; n++) {
      expect(nextInLine(waitlist, n).map((b) => b.id)).toEqual(order.slice(0, n));
    }
  });

  it("takes at most the whole list, and nothing for zero or a negative count", () => {
    expect(nextInLine(waitlist, 10)).toHaveLength(4);
    expect(nextInLine(waitlist, 0)).toEqual([]);
    expect(nextInLine(waitlist, -1)).toEqual([]);
    expect(nextInLine([], 3)).toEqual([]);
  });

  it("leaves its input untouched", () => {
    const copy = waitlist.map((b) => ({ ...b }));
    nextInLine(waitlist, 2);
    expect(waitlist).toEqual(copy);
  });
});
