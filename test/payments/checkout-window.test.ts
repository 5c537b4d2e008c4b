import { describe, expect, it } from "vitest";
import { checkoutExpiry, checkoutLocale } from "../../src/payments/stripe";

const NOW = Date.UTC(2030, 4, 1, 10, 0, 0);
const nowSeconds = NOW / 1000;
const minutes = (n: number) => NOW + n * 60_000;

describe("checkoutExpiry", () => {
  it("follows the hold inside Stripe's window", () => {
    expect(checkoutExpiry(minutes(45), NOW)).toBe(nowSeconds + 45 * 60);
    expect(checkoutExpiry(minutes(600), NOW)).toBe(nowSeconds + 600 * 60);
  });

  it("moves a hold too short, or already past, to 31 minutes", () => {
    for (const hold of [minutes(30), minutes(5), NOW - 1000]) {
      expect(checkoutExpiry(hold, NOW)).toBe(nowSeconds + 31 * 60);
    }
  });

  it("moves a hold of a day or more to a minute short of 24 hours", () => {
    for (const hold of [minutes(1440), minutes(1439.5), minutes(10_000)]) {
      expect(checkoutExpiry(hold, NOW)).toBe(nowSeconds + 24 * 3600 - 60);
    }
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
