import { describe, expect, it } from "vitest";
import { checkoutExpiry, SESSION_MIN_MS } from "../../src/domain/payment-terms";
import { holdExpiry, PAID_HOLD_LIMIT_MS } from "../../src/domain/rules";
import { checkoutLocale } from "../../src/payments/stripe";

const NOW = Date.UTC(2030, 4, 1, 10, 0, 0);
const minutes = (n: number) => NOW + n * 60_000;
const DAY_MS = 24 * 3600_000;

describe("a paid hold and its checkout session", () => {
  it("ends the session with the hold when the hold is long enough for Stripe", () => {
    expect(checkoutExpiry(minutes(60), NOW)).toBe(minutes(60));
    expect(checkoutExpiry(minutes(600), NOW)).toBe(minutes(600));
  });

  it("lets a short hold's session run past the hold, so a retry still has Stripe's 30 minutes", () => {
    expect(checkoutExpiry(minutes(30), NOW)).toBe(NOW + SESSION_MIN_MS);
    expect(SESSION_MIN_MS - 30 * 60_000).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it("never lets a session end before its hold, and never past Stripe's day", () => {
    for (const holdMinutes of [30, 31, 45, 60, 600, 1439, 1440]) {
      const holdEnd = holdExpiry({ holdMinutes, paid: true }, new Date(NOW));
      const sessionEnd = checkoutExpiry(holdEnd, NOW);
      expect(sessionEnd).toBeGreaterThanOrEqual(holdEnd);
      expect(sessionEnd).toBeLessThan(NOW + DAY_MS);
    }
  });

  it("cuts a paid hold of a day to the session's longest life; a free hold keeps its day", () => {
    expect(holdExpiry({ holdMinutes: 1440, paid: true }, new Date(NOW))).toBe(
      NOW + PAID_HOLD_LIMIT_MS,
    );
    expect(holdExpiry({ holdMinutes: 1440, paid: false }, new Date(NOW))).toBe(NOW + DAY_MS);
  });
});

describe("checkoutLocale", () => {
  it.each([
    ["fr", "fr"],
    ["fr-CA", "fr-CA"],
    ["es-MX", "es"],
    ["EN", "en"],
    ["", "auto"],
    ["klingon", "auto"],
  ])("%s → %s", (locale, expected) => {
    expect(checkoutLocale(locale)).toBe(expected);
  });
});
