import { describe, expect, it } from "vitest";
import { admissions, controlledQueue } from "./helpers";

const START = Date.now() + 365 * 86_400_000;
const OPEN = START + 60_000;
/** Twice the pre-queue one object is built to take in a minute of joins (500 a second). */
const PRE_QUEUE = 60_000;

describe("a pre-queue far past one minute of joins", () => {
  it("is drawn in one alarm, every entry ranked once, and admitted at the rate from the first tick", async () => {
    const queue = controlledQueue(START);
    const settings = queue.settings({
      admitPerMinute: 60_000,
      salesStartAt: new Date(OPEN).toISOString(),
    });
    await queue.run((q) => q.join(settings, "first"));
    // The rest are written as joins write them, without 60,000 round trips.
    await queue.run((_, state) =>
      state.storage.sql.exec(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO entries (id, attendee_id, joined_at, rank, status)
         SELECT 'entry-' || i, 'attendee-' || i, ? + i, NULL, 'waiting' FROM n`,
        PRE_QUEUE - 1,
        START,
      ),
    );
    queue.at(OPEN);
    await queue.run((q) => q.alarm());
    const rows = await queue.run((_, state) => admissions(state));
    expect(rows).toHaveLength(PRE_QUEUE);
    const ranks = rows.map((r) => r.rank as number).sort((a, b) => a - b);
    expect(ranks[0]).toBe(1);
    expect(ranks.at(-1)).toBe(PRE_QUEUE);
    expect(new Set(ranks).size).toBe(PRE_QUEUE);
    // The first tick issues a second's share: 1,000, to the first 1,000 ranks.
    const admitted = rows.filter((r) => r.status === "admitted");
    expect(admitted).toHaveLength(1_000);
    expect(Math.max(...admitted.map((r) => r.rank as number))).toBe(1_000);
    const last = rows.find((r) => r.rank === PRE_QUEUE)?.attendee_id as string;
    const position = await queue.run((q, state) => {
      const { id } = state.storage.sql
        .exec<{ id: string }>("SELECT id FROM entries WHERE attendee_id = ?", last)
        .one();
      return q.entry(id, last);
    });
    expect(position).toMatchObject({ position: PRE_QUEUE - 1_000, estimatedWaitSeconds: 59 });
  });
});
