import { describe, expect, it } from "vitest";
import {
  formatAmount,
  isCurrencyCode,
  MAXIMUM_CHARGE,
  minimumCharge,
  minorUnitDigits,
} from "../../src/domain/money";

describe("money", () => {
  it("knows ISO 4217 codes and nothing else", () => {
    expect(isCurrencyCode("EUR")).toBe(true);
    expect(isCurrencyCode("JPY")).toBe(true);
    expect(isCurrencyCode("eur")).toBe(false);
    expect(isCurrencyCode("ABC")).toBe(false);
  });

  it("reads minor units by the currency's digits", () => {
    expect(minorUnitDigits("EUR")).toBe(2);
    expect(minorUnitDigits("JPY")).toBe(0);
    expect(formatAmount(5000, "JPY", "en")).toBe("¥5,000");
    expect(formatAmount(123456, "EUR", "en")).toBe("€1,234.56");
  });

  it("formats in the reader's locale, falling back to English for a broken tag", () => {
    expect(formatAmount(5000, "EUR", "fr").replace(/\s/g, " ")).toBe("50,00 €");
    expect(formatAmount(5000, "EUR", "de-DE").replace(/\s/g, " ")).toBe("50,00 €");
    expect(formatAmount(5000, "USD", "not a locale!")).toBe("$50.00");
  });

  it("knows Stripe's minimum charge per currency, in minor units", () => {
    expect(minimumCharge("USD")).toBe(50);
    expect(minimumCharge("EUR")).toBe(50);
    expect(minimumCharge("GBP")).toBe(30);
    expect(minimumCharge("JPY")).toBe(50);
    expect(minimumCharge("DKK")).toBe(250);
    expect(minimumCharge("HKD")).toBe(400);
    expect(minimumCharge("MXN")).toBe(1000);
    expect(minimumCharge("CZK")).toBe(1500);
    expect(minimumCharge("HUF")).toBe(17500);
    expect(minimumCharge("BGN")).toBe(100);
  });

  it("asks 50 minor units of a currency outside Stripe's table", () => {
    expect(minimumCharge("KRW")).toBe(50);
    expect(minimumCharge("ISK")).toBe(50);
  });

  it("caps a charge at eight digits of minor units", () => {
    expect(MAXIMUM_CHARGE).toBe(99_999_999);
  });
});
