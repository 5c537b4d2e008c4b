import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapPooled } from "../../src/lib/pool";

describe("mapPooled", () => {
  it("never runs more than its width at once, and answers in the items' order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        async (delays, width) => {
          let running = 0;
          let widest = 0;
          const results = await mapPooled(delays, width, async (delay) => {
            running++;
            widest = Math.max(widest, running);
            await new Promise((resolve) => setTimeout(resolve, delay));
            running--;
            return delay * 10;
          });
          expect(results).toEqual(delays.map((d) => d * 10));
          expect(widest).toBeLessThanOrEqual(width);
          if (delays.length >= width) expect(widest).toBe(width);
        },
      ),
      { numRuns: 50 },
    );
  });
});
