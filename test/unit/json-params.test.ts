import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JSON_PARAM_BYTES, jsonParams } from "../../src/lib/json-params";

const bytes = (text: string) => new TextEncoder().encode(text).byteLength;

describe("jsonParams", () => {
  it("keeps every parameter under the limit in UTF-8 bytes, whatever the characters", () => {
    // 300,000 characters of two bytes each: two rows fit by length, not by bytes.
    const rows = Array.from({ length: 3 }, () => ({ title: "é".repeat(300_000) }));
    const params = jsonParams(rows);
    expect(params.length).toBeGreaterThan(1);
    for (const param of params) expect(bytes(param)).toBeLessThanOrEqual(JSON_PARAM_BYTES);
  });

  it("splits rows without losing, repeating or reordering any", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary", maxLength: 40_000 }), { maxLength: 60 }),
        (texts) => {
          const params = jsonParams(texts);
          expect(params.flatMap((p) => JSON.parse(p))).toEqual(texts);
        },
      ),
      { numRuns: 30 },
    );
  });
});
