import { describe, expect, it } from "vitest";
import { bookingTotalRefusal, paymentTermsError } from "../../src/domain/payment-terms";

const terms = (price: number, currency: string | null = "EUR", holdMinutes = 30) => ({
  price,
  currency,
  holdMinutes,
});

describe("paymentTermsError", () => {
  it("accepts a free event, whatever its currency and hold", () => {
    expect(paymentTermsError(terms(0, null, 5))).toBeNull();
  });

  it("accepts a price at the currency's minimum charge", () => {
    expect(paymentTermsError(terms(50, "EUR"))).toBeNull();
    expect(paymentTermsError(terms(30, "GBP"))).toBeNull();
    expect(paymentTermsError(terms(17_500, "HUF"))).toBeNull();
  });

  it("refuses a price below the currency's minimum charge, on price", () => {
    for (const [price, currency] of [
      [1, "EUR"],
      [49, "USD"],
      [29, "GBP"],
      [249, "DKK"],
      [17_499, "HUF"],
      [49, "KRW"],
    ] as const) {
      expect(paymentTermsError(terms(price, currency))).toMatchObject({ path: "price" });
    }
  });

  it("names the currency first, then the price, then the hold", () => {
    expect(paymentTermsError(terms(1, null))).toMatchObject({ path: "currency" });
    expect(paymentTermsError(terms(1, "EUR", 15))).toMatchObject({ path: "price" });
    expect(paymentTermsError(terms(50, "EUR", 15))).toMatchObject({ path: "holdMinutes" });
  });
});

describe("bookingTotalRefusal", () => {
  it("lets a booking total up to 99,999,999 minor units", () => {
    expect(bookingTotalRefusal(0, 100)).toBeNull();
    expect(bookingTotalRefusal(99_999_999, 1)).toBeNull();
    expect(bookingTotalRefusal(33_333_333, 3)).toBeNull();
  });

  it("refuses a larger total on seats", () => {
    expect(bookingTotalRefusal(100_000_000, 1)).toMatchObject({
      ok: false,
      code: "validation_failed",
      path: "seats",
    });
    expect(bookingTotalRefusal(50_000_000, 2)).toMatchObject({ path: "seats" });
  });
});
