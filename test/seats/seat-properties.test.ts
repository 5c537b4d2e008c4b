import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { availableSeats, type EventState } from "../../src/domain/rules";
import { isActive, SeatModel } from "./seat-model";

const HOLD_MS = 15 * 60_000;
const ATTENDEES = 12;

const step = fc.oneof(
  fc.record({
    kind: fc.constant("book" as const),
    attendee: fc.nat(ATTENDEES - 1),
    seats: fc.integer({ min: 1, max: 6 }),
    hold: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("confirm" as const), index: fc.nat(40) }),
  fc.record({ kind: fc.constant("cancel" as const), index: fc.nat(40) }),
  fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 1, max: HOLD_MS }) }),
  fc.record({ kind: fc.constant("capacity" as const), capacity: fc.integer({ min: 1, max: 20 }) }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const apply = (model: SeatModel, s: Step) => {
  if (s.kind === "book") return model.book(s.attendee, s.seats, s.hold);
  if (s.kind === "confirm") return model.confirm(s.index);
  if (s.kind === "cancel") return model.cancel(s.index);
  if (s.kind === "advance") return model.advance(s.ms);
  return model.setCapacity(s.capacity);
};

const sum = (model: SeatModel, status: string) =>
  model.bookings.filter((b) => b.status === status).reduce((n, b) => n + b.seats, 0);

/** The contract's guarantees, checked after every step. */
const expectGuarantees = (model: SeatModel) => {
  const { event } = model;
  expect(event.confirmed).toBe(sum(model, "confirmed"));
  expect(event.held).toBe(sum(model, "pending"));
  expect(event.waitlisted).toBe(sum(model, "waitlisted"));
  expect(event.confirmed + event.held).toBeLessThanOrEqual(event.capacity);
  const active = model.bookings.filter((b) => isActive(b.status)).map((b) => b.attendee);
  expect(new Set(active).size).toBe(active.length);
  expect(model.breaches).toEqual([]);
  const head = model.bookings.find((b) => b.status === "waitlisted");
  if (head) expect(head.seats).toBeGreaterThan(availableSeats(event));
  for (const b of model.bookings) {
    expect(b.status === "pending").toBe(b.expiresAt !== null && b.expiresAt > model.now);
  }
};

const initial = (capacity: number, waitlistEnabled: boolean, maxSeats: number): EventState => ({
  capacity,
  confirmed: 0,
  held: 0,
  waitlisted: 0,
  waitlistEnabled,
  status: "scheduled",
  startDate: "2031-01-01T00:00:00.000Z",
  maxSeatsPerBooking: maxSeats,
  holdMinutes: 15,
  paid: false,
});

describe("the seat rules under random sequences of orders, holds and changes", () => {
  it("keep every guarantee after every step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        fc.array(step, { minLength: 1, maxLength: 60 }),
        (capacity, waitlistEnabled, maxSeats, steps) => {
          const model = new SeatModel(initial(capacity, waitlistEnabled, maxSeats));
          for (const s of steps) {
            apply(model, s);
            expectGuarantees(model);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("sells every seat to waiting groups once holds lapse and bookings are cancelled", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 30 }),
        (orders) => {
          const model = new SeatModel(initial(8, true, 4));
          for (const [i, seats] of orders.entries()) model.book(i, seats, i % 2 === 0);
          model.advance(HOLD_MS);
          expectGuarantees(model);
          // With every hold expired, whatever remains waiting is only there for want of seats.
          expect(model.event.held).toBe(0);
        },
      ),
    );
  });
});
