import { describe, expect, it } from "vitest";
import { ID_PATTERN, newId } from "../../src/lib/ids";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit millisecond timestamp a UUIDv7 starts with. */
const timestampOf = (id: string) => Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);

/** Lets the clock move on: inside workerd it only advances across I/O such as a timer. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe("newId", () => {
  it("is a UUIDv7, URL-safe, matching ID_PATTERN", () => {
    for (let i = 0; i < 100; i++) {
      const id = newId();
      expect(id).toMatch(UUID_V7);
      expect(id).toMatch(ID_PATTERN);
      expect(encodeURIComponent(id)).toBe(id);
    }
  });

  it("starts with the current Unix time in milliseconds", () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(timestampOf(id)).toBeGreaterThanOrEqual(before);
    expect(timestampOf(id)).toBeLessThanOrEqual(after);
  });

  it("sorts by creation time across milliseconds", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(newId());
      await tick();
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it("never repeats", () => {
    const ids = Array.from({ length: 5000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
