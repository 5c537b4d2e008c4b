import { describe, expect, it } from "vitest";
import { characterCount, foldForSearch } from "../../src/lib/search";

describe("foldForSearch", () => {
  it.each([
    ["Été musical", "ete musical"],
    ["ÉTÉ", "ete"],
    ["Zoé Ångström", "zoe angstrom"],
    ["Straße", "strasse"],
    ["ΟΔΟΣ", "οδοσ"],
    ["οδος", "οδοσ"],
    ["ﬁnale", "finale"],
    ["Ｆｕｌｌ", "full"],
    ["İstanbul", "istanbul"],
    ["100% _fun_", "100% _fun_"],
    ["🎉 Party", "🎉 party"],
  ])("folds %j to %j", (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it("gives the same form to composed and decomposed accents", () => {
    expect(foldForSearch("e\u0301te\u0301")).toBe(foldForSearch("\u00e9t\u00e9"));
  });
});

describe("characterCount", () => {
  it("counts an emoji as one character", () => {
    expect(characterCount("🎉".repeat(13))).toBe(13);
    expect(characterCount("abc")).toBe(3);
  });
});
