import { describe, expect, it } from "vitest";
import { isAfter, isWithinDateRange, nowIso, parseDateTime } from "../../src/lib/time";

const toUtcIso = (input: string) => parseDateTime(input)?.toISOString() ?? null;

describe("toUtcIso", () => {
  it.each([
    ["2026-05-01T10:00:00", "2026-05-01T10:00:00.000Z"],
    ["2026-05-01T10:00", "2026-05-01T10:00:00.000Z"],
    ["2026-05-01T10:00:00Z", "2026-05-01T10:00:00.000Z"],
    ["2026-05-01T10:00:00+00:00", "2026-05-01T10:00:00.000Z"],
    ["2026-05-01T10:00:00+02:00", "2026-05-01T08:00:00.000Z"],
    ["2026-05-01T10:00:00-05:30", "2026-05-01T15:30:00.000Z"],
    ["2026-05-01T01:00:00+02:00", "2026-04-30T23:00:00.000Z"],
    ["2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00.000Z"],
    ["2028-02-29T12:00:00", "2028-02-29T12:00:00.000Z"],
  ])("reads %s as %s", (input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
  });

  it.each([
    ["2026-05-01T10:00:00.5", "2026-05-01T10:00:00.500Z"],
    ["2026-05-01T10:00:00.123Z", "2026-05-01T10:00:00.123Z"],
    ["2026-05-01T10:00:00.123456789+01:00", "2026-05-01T09:00:00.123Z"],
  ])("keeps milliseconds of %s", (input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
  });

  it.each([
    "2026-02-30T10:00:00",
    "2026-02-29T10:00:00",
    "2026-04-31T10:00:00",
    "2026-13-01T10:00:00",
    "2026-00-10T10:00:00",
    "2026-05-00T10:00:00",
    "2026-05-01T24:00:00",
    "2026-05-01T10:60:00",
    "2026-05-01T10:00:60",
    "2026-05-01T10:00:00+25:00",
    "2026-05-01T10:00:00+2:00",
    "2026-05-01T10:00:00.1234567891",
    "2026-05-01",
    "2026-05-01 10:00:00",
    "2026-5-1T10:00:00",
    "10:00:00",
    "tomorrow",
    "",
  ])("rejects %j", (input) => {
    expect(parseDateTime(input)).toBeNull();
    expect(toUtcIso(input)).toBeNull();
  });
});

describe("parseDateTime", () => {
  it("answers the instant, the same whichever offset wrote it", () => {
    const utc = parseDateTime("2026-05-01T08:00:00Z");
    const paris = parseDateTime("2026-05-01T10:00:00+02:00");
    expect(utc).toBeInstanceOf(Date);
    expect(paris?.getTime()).toBe(utc?.getTime());
    expect(utc?.getTime()).toBe(Date.UTC(2026, 4, 1, 8));
  });
});

describe("years the Date.UTC quirk would shift", () => {
  it.each([
    ["0000-01-01T00:00:00Z", "0000-01-01T00:00:00.000Z"],
    ["0050-06-01T10:00:00+01:00", "0050-06-01T09:00:00.000Z"],
    ["0099-12-31T23:59:59Z", "0099-12-31T23:59:59.000Z"],
  ])("reads %s as that very year, %s", (input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
  });
});

describe("isWithinDateRange", () => {
  it.each([
    ["1970-01-01T00:00:00Z", true],
    ["2099-12-31T23:59:59.999Z", true],
    ["2100-01-01T00:59:59.999+01:00", true],
    ["1969-12-31T23:59:59.999Z", false],
    ["1970-01-01T00:59:59+01:00", false],
    ["2099-12-31T23:30:00-01:00", false],
    ["0050-01-01T00:00:00Z", false],
    ["9999-12-31T23:00:00-02:00", false],
  ])("%s → %s", (input, inside) => {
    const instant = parseDateTime(input);
    expect(instant).not.toBeNull();
    expect(isWithinDateRange(instant as Date)).toBe(inside);
  });
});

describe("isAfter", () => {
  it("compares instants, whatever the text", () => {
    expect(isAfter("2030-05-01T10:00:00.000Z", "2030-05-01T09:59:59.999Z")).toBe(true);
    expect(isAfter("2030-05-01T10:00:00.000Z", "2030-05-01T10:00:00.000Z")).toBe(false);
    expect(isAfter("+010000-01-01T01:00:00.000Z", "9999-12-31T23:30:00.000Z")).toBe(true);
  });
});

describe("nowIso", () => {
  it("is UTC with milliseconds and Z", () => {
    expect(nowIso()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
