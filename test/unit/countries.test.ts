import { describe, expect, it } from "vitest";
import { COUNTRIES, countryName, isCountryCode } from "../../src/lib/countries";

describe("countries", () => {
  it("names FR France", () => {
    expect(isCountryCode("FR")).toBe(true);
    expect(countryName("FR")).toBe("France");
    expect(countryName("DE")).toBe("Germany");
    expect(countryName("US")).toBe("United States");
  });

  it("holds the 249 ISO 3166-1 alpha-2 codes, upper case, each with a name", () => {
    const codes = Object.keys(COUNTRIES);
    expect(codes).toHaveLength(249);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(COUNTRIES[code]?.length).toBeGreaterThan(1);
    }
  });

  it("does not know XX, lower-case codes or object keys", () => {
    for (const code of ["XX", "fr", "FRA", "", "constructor", "toString", "__proto__"]) {
      expect(isCountryCode(code), code).toBe(false);
    }
  });
});
