import { describe, expect, it } from "vitest";
import {
  constantTimeEqual,
  fromBase64Url,
  sha256Hex,
  toBase64Url,
  toHex,
} from "../../src/lib/encoding";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("constantTimeEqual", () => {
  it("is true only for identical byte strings", () => {
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(bytes(), bytes())).toBe(true);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(bytes(0, 2, 3), bytes(1, 2, 3))).toBe(false);
  });

  it("is false when one input is a prefix of the other", () => {
    expect(constantTimeEqual(bytes(1, 2), bytes(1, 2, 0))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2, 0), bytes(1, 2))).toBe(false);
    expect(constantTimeEqual(bytes(), bytes(0))).toBe(false);
  });
});

describe("base64url", () => {
  it("round-trips every byte value without padding or +/", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64Url(all);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(text)).toEqual(all);
  });

  it("answers null for text that is not base64", () => {
    expect(fromBase64Url("!!!")).toBeNull();
  });
});

describe("hex and SHA-256", () => {
  it("hashes to the known digest", async () => {
    expect(toHex(bytes(0, 15, 255))).toBe("000fff");
    expect(await sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
