import { describe, expect, it } from "vitest";
import { dateTimeFormat, numberFormat, pluralRules, regionNames } from "../../src/lib/intl";

describe("kept Intl formatters", () => {
  it("makes one formatter per locale and options, and formats as a new one would", () => {
    const options = { dateStyle: "full", timeZone: "Europe/Paris" } as const;
    const kept = dateTimeFormat("fr", options);
    expect(dateTimeFormat("fr", { ...options })).toBe(kept);
    expect(dateTimeFormat("de", options)).not.toBe(kept);
    expect(dateTimeFormat("fr", { ...options, timeZone: "Asia/Tokyo" })).not.toBe(kept);
    const date = new Date("2030-05-01T22:30:00Z");
    expect(kept.format(date)).toBe(new Intl.DateTimeFormat("fr", options).format(date));
    expect(numberFormat("de").format(1234.5)).toBe("1.234,5");
    expect(pluralRules("fr").select(1)).toBe("one");
    expect(regionNames("fr", "none").of("DE")).toBe("Allemagne");
  });

  it("keeps nothing of options the runtime refuses, and answers again after it is full", () => {
    expect(() => dateTimeFormat("en", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => dateTimeFormat("en", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    for (let n = 0; n < 600; n++) numberFormat("en", { minimumIntegerDigits: (n % 21) + 1 });
    for (let n = 0; n < 600; n++) numberFormat(`en-u-nu-latn-x-k${n}`);
    expect(numberFormat("en", { minimumIntegerDigits: 3 }).format(7)).toBe("007");
  });
});
