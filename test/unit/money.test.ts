import { describe, expect, it } from "vitest";
import { formatAmount, isCurrencyCode, minorUnitDigits } from "../../src/lib/money";

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
});
