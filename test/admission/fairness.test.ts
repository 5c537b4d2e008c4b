import { describe, expect, it } from "vitest";
import { admissions, controlledQueue } from "./helpers";

const START = Date.now() + 365 * 86_400_000;
const OPEN = START + 60_000;
const EARLY = 1_000;
const LATE = 200;

/** Spearman's rank correlation of two orders of the same n items, without ties. */
const spearman = (ranks: readonly number[]) => {
  const n = ranks.length;
  const sumSquares = ranks.reduce((sum, rank, i) => sum + (rank - i) ** 2, 0);
  return 1 - (6 * sumSquares) / (n * (n * n - 1));
};

/**
 * Chi-square of the 10 × 10 table of join decile by admission decile, each cell
 * expected to hold n / 100 under a uniform draw: 81 degrees of freedom.
 */
const chiSquareByDecile = (ranks: readonly number[]) => {
  const n = ranks.length;
  const cells = Array.from({ length: 100 }, () => 0);
  ranks.forEach((rank, i) => {
    const row = Math.floor((i * 10) / n);
    const column = Math.floor((rank * 10) / n);
    cells[row * 10 + column] = (cells[row * 10 + column] as number) + 1;
  });
  const expected = n / 100;
  return cells.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
};

/**
 * Thresholds a uniform draw of 1,000 passes with probability above 99.8 %: |ρ| has a
 * standard deviation of 1/√999 ≈ 0.032 (0.1 is 3.2 of them), and 126.1 is chi-square's
 * 99.9th percentile at 81 degrees of freedom (Wilson–Hilferty).
 */
const RHO_LIMIT = 0.1;
const CHI_SQUARE_LIMIT = 126.1;
const looksUniform = (ranks: readonly number[]) =>
  Math.abs(spearman(ranks)) < RHO_LIMIT && chiSquareByDecile(ranks) < CHI_SQUARE_LIMIT;

describe("the admission order", () => {
  it("draws the pre-queue uniformly at random at sale open, then admits later joiners in join order", async () => {
    const queue = controlledQueue(START);
    const settings = queue.settings({
      admitPerMinute: 60_000,
      salesStartAt: new Date(OPEN).toISOString(),
    });
    await queue.run(async (q) => {
      for (let i = 0; i < EARLY; i++) {
        const { entry } = await q.join(settings, `early-${i}`);
        expect(entry).toMatchObject({ status: "waiting", position: null });
      }
    });
    queue.at(OPEN);
    await queue.run((q) => q.alarm());
    for (let i = 0; i < LATE; i++) {
      queue.at(OPEN + 1 + i);
      await queue.run((q) => q.join(settings, `late-${i}`));
    }
    for (let s = 1; s <= 3; s++) {
      queue.at(OPEN + s * 1_000);
      await queue.run((q) => q.alarm());
    }
    const rows = await queue.run((_, state) => admissions(state));
    expect(rows.every((r) => r.status === "admitted")).toBe(true);

    const early = rows.slice(0, EARLY).map((r) => (r.rank as number) - 1);
    expect([...early].sort((a, b) => a - b)).toEqual(early.map((_, i) => i));
    expect(Math.abs(spearman(early))).toBeLessThan(RHO_LIMIT);
    expect(chiSquareByDecile(early)).toBeLessThan(CHI_SQUARE_LIMIT);

    // Everyone who joined after the opening comes after the pre-queue, in the order they came.
    const late = rows.slice(EARLY).map((r) => r.rank as number);
    expect(late).toEqual(late.map((_, i) => EARLY + 1 + i));
  });

  it("would be caught by these statistics if the draw kept or merely stirred the join order", () => {
    const joinOrder = Array.from({ length: EARLY }, (_, i) => i);
    expect(looksUniform(joinOrder)).toBe(false);
    // Stirred within each decile only: everyone stays in their tenth, and the table sees it.
    const withinDeciles = joinOrder.map((i) => i - (i % 100) + ((i * 37) % 100));
    expect(chiSquareByDecile(withinDeciles)).toBeGreaterThan(CHI_SQUARE_LIMIT);
    // The reverse order correlates perfectly, negatively.
    expect(spearman([...joinOrder].reverse())).toBe(-1);
  });

  it("tells a waiting attendee their position and wait once drawn", async () => {
    const queue = controlledQueue(START);
    const settings = queue.settings({ admitPerMinute: 60 });
    const entries = await queue.run(async (q) => {
      const list = [];
      for (let i = 0; i < 5; i++) list.push((await q.join(settings, `a-${i}`)).entry);
      return list;
    });
    // The first is admitted at once (one a second); the others wait in join order.
    expect(entries.map((e) => e.status)).toEqual([
      "admitted",
      "waiting",
      "waiting",
      "waiting",
      "waiting",
    ]);
    expect(entries.slice(1).map((e) => [e.position, e.estimatedWaitSeconds])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    queue.at(START + 1_000);
    await queue.run((q) => q.alarm());
    const last = await queue.run((q) => q.entry(entries[4]?.id as string, "a-4"));
    expect(last).toMatchObject({ status: "waiting", position: 3, estimatedWaitSeconds: 3 });
  });
});
