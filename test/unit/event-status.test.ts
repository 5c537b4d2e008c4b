import { describe, expect, it } from "vitest";
import { bookingClosedReason, statusAt, statusFilter } from "../../src/domain/event-status";

const NOW = new Date("2030-01-01T12:00:00.000Z");
const event = (overrides: Partial<Parameters<typeof statusAt>[0]> = {}) => ({
  status: "scheduled" as const,
  startDate: "2030-01-01T12:00:00.001Z",
  endDate: "2030-01-01T18:00:00.000Z",
  ...overrides,
});

describe("statusAt", () => {
  it("is scheduled until the start, ongoing from it, completed from the end", () => {
    expect(statusAt(event(), NOW)).toBe("scheduled");
    expect(statusAt(event({ startDate: NOW.toISOString() }), NOW)).toBe("ongoing");
    expect(statusAt(event({ startDate: "2029-12-31T12:00:00.000Z" }), NOW)).toBe("ongoing");
    expect(
      statusAt(event({ startDate: "2029-12-31T12:00:00.000Z", endDate: NOW.toISOString() }), NOW),
    ).toBe("completed");
  });

  it("keeps a cancelled event cancelled, whatever the dates", () => {
    expect(statusAt(event({ status: "cancelled" }), NOW)).toBe("cancelled");
    const ended = { startDate: "2020-01-01T00:00:00.000Z", endDate: "2020-01-02T00:00:00.000Z" };
    expect(statusAt(event({ ...ended, status: "cancelled" }), NOW)).toBe("cancelled");
  });

  it("lets the clock decide over a stored ongoing or completed", () => {
    expect(statusAt(event({ status: "completed" }), NOW)).toBe("scheduled");
    expect(statusAt(event({ status: "ongoing" }), NOW)).toBe("scheduled");
  });
});

describe("bookingClosedReason", () => {
  it("says what is wrong: cancelled, or already started", () => {
    expect(bookingClosedReason(event(), NOW)).toBeNull();
    expect(bookingClosedReason(event({ status: "cancelled" }), NOW)).toBe(
      "The event has been cancelled.",
    );
    expect(bookingClosedReason(event({ startDate: NOW.toISOString() }), NOW)).toBe(
      "The event has already started.",
    );
  });
});

describe("statusFilter", () => {
  const at = NOW.toISOString();

  it("bounds the dates the way statusAt reads them", () => {
    expect(statusFilter("cancelled", NOW)).toEqual({ cancelled: true });
    expect(statusFilter("scheduled", NOW)).toEqual({ cancelled: false, startsAfter: at });
    expect(statusFilter("ongoing", NOW)).toEqual({
      cancelled: false,
      startedBy: at,
      endsAfter: at,
    });
    expect(statusFilter("completed", NOW)).toEqual({ cancelled: false, endedBy: at });
  });
});
