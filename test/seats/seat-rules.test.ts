import { describe, expect, it } from "vitest";
import { decideCancel, decideConfirm, isOverdue } from "../../src/domain/holds";
import {
  availableSeats,
  counterOf,
  decideBooking,
  decideCapacity,
  type EventState,
  promotable,
  promotedStatus,
} from "../../src/domain/rules";

const NOW = new Date("2030-01-01T12:00:00.000Z");
const T = NOW.getTime();

const eventState = (overrides: Partial<EventState> = {}): EventState => ({
  capacity: 10,
  confirmed: 0,
  held: 0,
  waitlisted: 0,
  waitlistEnabled: false,
  status: "scheduled",
  startDate: "2030-05-01T10:00:00.000Z",
  maxSeatsPerBooking: 4,
  holdMinutes: 15,
  paid: false,
  ...overrides,
});

const order = (seats: number, hold = false) => ({ seats, hold });

describe("availableSeats", () => {
  it("counts confirmed and held seats as taken, never below zero", () => {
    expect(availableSeats({ capacity: 10, confirmed: 3, held: 4, waitlisted: 9 })).toBe(3);
    expect(availableSeats({ capacity: 10, confirmed: 6, held: 4, waitlisted: 0 })).toBe(0);
    expect(availableSeats({ capacity: 5, confirmed: 6, held: 4, waitlisted: 0 })).toBe(0);
  });
});

describe("decideBooking with seats", () => {
  it("confirms an order whose seats all fit", () => {
    const event = eventState({ confirmed: 6 });
    expect(decideBooking(event, order(4), false, NOW)).toEqual({
      ok: true,
      status: "confirmed",
      expiresAt: null,
    });
  });

  it("holds the seats until now + holdMinutes when asked to", () => {
    const decision = decideBooking(eventState({ holdMinutes: 20 }), order(2, true), false, NOW);
    expect(decision).toEqual({ ok: true, status: "pending", expiresAt: T + 20 * 60_000 });
  });

  it("holds every order of a paid event, hold or not", () => {
    const decision = decideBooking(eventState({ paid: true }), order(1), false, NOW);
    expect(decision).toMatchObject({ ok: true, status: "pending", expiresAt: T + 15 * 60_000 });
  });

  it("never sells part of an order: it waits whole, or is refused", () => {
    const full = eventState({ confirmed: 5, held: 3 });
    expect(decideBooking(full, order(3), false, NOW)).toMatchObject({
      ok: false,
      code: "event_full",
    });
    const waiting = { ...full, waitlistEnabled: true };
    expect(decideBooking(waiting, order(3), false, NOW)).toEqual({
      ok: true,
      status: "waitlisted",
      expiresAt: null,
    });
  });

  it("lets no newcomer pass a waiting group, even when its own seats fit", () => {
    const event = eventState({ confirmed: 7, waitlisted: 4, waitlistEnabled: true });
    expect(decideBooking(event, order(1), false, NOW)).toMatchObject({ status: "waitlisted" });
  });

  it("refuses more seats than the capacity or the per-booking maximum, on the seats path", () => {
    const small = eventState({ capacity: 3, maxSeatsPerBooking: 10 });
    expect(decideBooking(small, order(4), false, NOW)).toMatchObject({
      ok: false,
      code: "validation_failed",
      path: "seats",
    });
    expect(decideBooking(eventState(), order(5), false, NOW)).toMatchObject({
      ok: false,
      code: "validation_failed",
      path: "seats",
    });
  });

  it("refuses a second active booking and a closed event as before", () => {
    expect(decideBooking(eventState(), order(1), true, NOW)).toMatchObject({
      code: "already_booked",
    });
    const cancelled = eventState({ status: "cancelled" });
    expect(decideBooking(cancelled, order(1), false, NOW)).toMatchObject({
      code: "event_not_bookable",
    });
  });
});

describe("promotable", () => {
  const seats = (...n: number[]) => n.map((s, i) => ({ id: i + 1, seats: s }));

  it("serves the head while all its seats fit, then the next", () => {
    const event = { capacity: 10, confirmed: 4, held: 0, waitlisted: 9 };
    expect(promotable(event, seats(3, 2, 4)).map((b) => b.id)).toEqual([1, 2]);
  });

  it("stops at the first group that does not fit: nobody behind it moves ahead", () => {
    const event = { capacity: 10, confirmed: 7, held: 0, waitlisted: 5 };
    expect(promotable(event, seats(4, 1))).toEqual([]);
  });

  it("promotes nobody when no seat is free", () => {
    expect(promotable({ capacity: 4, confirmed: 2, held: 2, waitlisted: 1 }, seats(1))).toEqual([]);
  });

  it("confirms on a free event and holds on a paid one", () => {
    expect(promotedStatus({ paid: false })).toBe("confirmed");
    expect(promotedStatus({ paid: true })).toBe("pending");
  });
});

describe("decideCapacity", () => {
  const counts = { capacity: 10, confirmed: 4, held: 3, waitlisted: 6 };

  it("refuses a capacity below the confirmed and held seats", () => {
    expect(decideCapacity(counts, 6, 0)).toMatchObject({ code: "capacity_below_booked" });
    expect(decideCapacity(counts, 7, 0)).toEqual({ ok: true });
  });

  it("refuses a capacity no waitlisted group could ever fit in", () => {
    expect(decideCapacity(counts, 7, 8)).toMatchObject({ code: "capacity_below_booked" });
    expect(decideCapacity(counts, 8, 8)).toEqual({ ok: true });
  });
});

describe("holds", () => {
  const pending = { status: "pending" as const, expiresAt: T + 1000 };

  it("are overdue from their expiry on, and only while pending", () => {
    expect(isOverdue(pending, T + 999)).toBe(false);
    expect(isOverdue(pending, T + 1000)).toBe(true);
    expect(isOverdue({ status: "confirmed", expiresAt: T }, T + 1)).toBe(false);
  });

  it("are confirmed while live, idempotently, and only by a payment on a paid event", () => {
    expect(decideConfirm(pending, { paid: false }, T)).toEqual({ ok: true, changed: true });
    expect(decideConfirm({ status: "confirmed", expiresAt: null }, { paid: false }, T)).toEqual({
      ok: true,
      changed: false,
    });
    expect(decideConfirm(pending, { paid: true }, T)).toMatchObject({ code: "payment_required" });
  });

  it("cannot be confirmed once expired, whether or not the alarm has come", () => {
    expect(decideConfirm(pending, { paid: false }, T + 1000)).toMatchObject({
      code: "hold_expired",
    });
    const expired = { status: "expired" as const, expiresAt: null };
    expect(decideConfirm(expired, { paid: false }, T)).toMatchObject({ code: "hold_expired" });
  });

  it("refuses to confirm a waitlisted or cancelled booking", () => {
    const waiting = { status: "waitlisted" as const, expiresAt: null };
    expect(decideConfirm(waiting, { paid: false }, T)).toMatchObject({ code: "event_full" });
    const cancelled = { status: "cancelled" as const, expiresAt: null };
    expect(decideConfirm(cancelled, { paid: false }, T)).toMatchObject({
      code: "already_cancelled",
    });
  });
});

describe("decideCancel", () => {
  it("cancels any active booking, a live hold included", () => {
    for (const status of ["confirmed", "waitlisted"] as const) {
      expect(decideCancel({ status, expiresAt: null }, T)).toEqual({ ok: true });
    }
    expect(decideCancel({ status: "pending", expiresAt: T + 1 }, T)).toEqual({ ok: true });
  });

  it("refuses a cancelled booking and an expired hold", () => {
    expect(decideCancel({ status: "cancelled", expiresAt: null }, T)).toMatchObject({
      code: "already_cancelled",
    });
    expect(decideCancel({ status: "pending", expiresAt: T }, T)).toMatchObject({
      code: "hold_expired",
    });
    expect(decideCancel({ status: "expired", expiresAt: null }, T)).toMatchObject({
      code: "hold_expired",
    });
  });
});

describe("counterOf", () => {
  it("maps each status to the counter its seats add to", () => {
    expect(counterOf("confirmed")).toBe("confirmed");
    expect(counterOf("pending")).toBe("held");
    expect(counterOf("waitlisted")).toBe("waitlisted");
    expect(counterOf("cancelled")).toBeNull();
    expect(counterOf("expired")).toBeNull();
  });
});
