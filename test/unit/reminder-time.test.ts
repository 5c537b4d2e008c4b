import { describe, expect, it } from "vitest";
import { REMINDER_LEAD_MS, reminderTime } from "../../src/domain/rules";

describe("reminderTime", () => {
  const now = Date.UTC(2030, 0, 1);

  it("is a day before the start", () => {
    expect(reminderTime("2030-05-01T10:00:00.000Z", now)).toBe(
      Date.UTC(2030, 4, 1, 10) - REMINDER_LEAD_MS,
    );
  });

  it("never schedules beyond 2099, where the runtime's alarm limit lies not far off", () => {
    expect(reminderTime("9999-12-31T10:00:00.000Z", now)).toBeNull();
    expect(reminderTime("+010000-01-01T01:00:00.000Z", now)).toBeNull();
  });
});
