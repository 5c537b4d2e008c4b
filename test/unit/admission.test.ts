import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { progressInterval } from "../../src/admission/queue";
import {
  admissionBudget,
  estimatedWaitSeconds,
  passesPerSecond,
  shuffled,
  uniformBelow,
} from "../../src/domain/admission";

describe("the admission budget", () => {
  it("never exceeds a second's share, the minute's rate or the free slots, and is never negative", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 60_000 }),
        fc.nat(70_000),
        fc.nat(70_000),
        fc.nat(70_000),
        (rate, lastSecond, lastMinute, outstanding) => {
          const budget = admissionBudget(rate, { lastSecond, lastMinute, outstanding });
          expect(budget).toBeGreaterThanOrEqual(0);
          expect(lastSecond + budget).toBeLessThanOrEqual(
            Math.max(lastSecond, passesPerSecond(rate)),
          );
          expect(lastMinute + budget).toBeLessThanOrEqual(Math.max(lastMinute, rate));
          expect(outstanding + budget).toBeLessThanOrEqual(Math.max(outstanding, rate));
        },
      ),
    );
  });

  it("rounds a second's share up: 600 a minute is 10 a second, 100 a minute 2", () => {
    expect(passesPerSecond(600)).toBe(10);
    expect(passesPerSecond(100)).toBe(2);
    expect(passesPerSecond(60)).toBe(1);
    expect(admissionBudget(600, { lastSecond: 0, lastMinute: 0, outstanding: 0 })).toBe(10);
    expect(admissionBudget(600, { lastSecond: 0, lastMinute: 595, outstanding: 0 })).toBe(5);
    expect(admissionBudget(600, { lastSecond: 0, lastMinute: 0, outstanding: 600 })).toBe(0);
  });

  it("estimates the wait at the full rate", () => {
    expect(estimatedWaitSeconds(1, 600)).toBe(1);
    expect(estimatedWaitSeconds(600, 600)).toBe(60);
    expect(estimatedWaitSeconds(1, 60_000)).toBe(1);
  });
});

describe("the draw", () => {
  it("returns a permutation of what it is given", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer()), (items) => {
        const order = shuffled(items);
        expect([...order].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it("rejects the words that would bias the lowest values, instead of taking them modulo", () => {
    // 2^32 mod 3 = 1: the word 2^32 - 1 would make 0 likelier than 1 and 2; it is drawn again.
    const words = [2 ** 32 - 1, 7];
    const next = () => words.shift() as number;
    expect(uniformBelow(3, next)).toBe(7 % 3);
    expect(words).toEqual([]);
  });

  it("puts each item first about as often as any other", () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4_000; i++) {
      const first = shuffled([0, 1, 2, 3])[0] as number;
      counts[first] = (counts[first] as number) + 1;
    }
    // 1,000 expected each; 4.5 standard deviations (27) either side.
    for (const count of counts) expect(Math.abs(count - 1_000)).toBeLessThan(125);
  });
});

describe("followers' position frames", () => {
  it("come every 5 s up to 5,000 followers, and never exceed 1,000 a second beyond", () => {
    expect(progressInterval(0)).toBe(5_000);
    expect(progressInterval(5_000)).toBe(5_000);
    expect(progressInterval(20_000)).toBe(20_000);
    for (const followers of [1, 4_999, 5_001, 50_000]) {
      expect((followers * 1000) / progressInterval(followers)).toBeLessThanOrEqual(1_000);
    }
  });
});
