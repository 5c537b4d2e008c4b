import { describe, expect, it } from "vitest";
import { PASS_LIFETIME_MS } from "../../src/domain/admission";
import { LATEST_INSTANT } from "../../src/lib/time";
import { admissions, controlledQueue } from "./helpers";
import { busiestWindow } from "./windows";

/** Far enough ahead that no real alarm fires while the test holds the clock. */
const START = Date.now() + 365 * 86_400_000;

const joinMany = async (
  queue: ReturnType<typeof controlledQueue>,
  count: number,
  settings: ReturnType<ReturnType<typeof controlledQueue>["settings"]>,
) =>
  queue.run(async (q) => {
    for (let i = 0; i < count; i++) await q.join(settings, `attendee-${i}`);
  });

describe("the admission rate, on a controlled clock", () => {
  it("never issues more than 10 passes in any second, nor 600 in any minute, at 600 a minute", async () => {
    const queue = controlledQueue(START);
    const settings = queue.settings({ admitPerMinute: 600 });
    await joinMany(queue, 1_500, settings);
    // Ticks at uneven moments, as alarms and joins come: early, late, many in one second.
    let t = START;
    while (t < START + 5 * 60_000) {
      t += [37, 100, 250, 999, 1_000, 1_001, 1_300, 2_500][Math.floor(Math.random() * 8)] as number;
      queue.at(t);
      await queue.run((q) => q.alarm());
    }
    const rows = await queue.run((_, state) => admissions(state));
    const issued = rows.flatMap((r) => (r.admitted_at === null ? [] : [r.admitted_at]));
    expect(busiestWindow(issued, 1_000)).toBe(10);
    expect(busiestWindow(issued, 60_000)).toBeLessThanOrEqual(600);
    // Nobody used a pass: at most 600 hold one, and the line waits until theirs expire.
    expect(issued).toHaveLength(600);
  });

  it("issues each second's share at once, the documented burst, and keeps the full rate over time", async () => {
    const queue = controlledQueue(START);
    const settings = queue.settings({ admitPerMinute: 6_000 });
    await joinMany(queue, 2_000, settings);
    for (let t = START + 100; t <= START + 20_000; t += 100) {
      queue.at(t);
      await queue.run((q) => q.alarm());
    }
    const issued = (await queue.run((_, state) => admissions(state))).flatMap((r) =>
      r.admitted_at === null ? [] : [r.admitted_at],
    );
    expect(busiestWindow(issued, 1_000)).toBe(100);
    // The burst: a second's share goes out at one instant, not one pass per 10 ms.
    expect(busiestWindow(issued, 1)).toBe(100);
    // 100 a second for 20 seconds (the joins' own instant issued the first 100).
    expect(issued.length).toBe(2_000);
  });

  it("gives an expired pass's slot to the next in line, and a used pass's at once", async () => {
    const queue = controlledQueue(START);
    const settings = queue.settings({ admitPerMinute: 60 });
    await joinMany(queue, 100, settings);
    for (let s = 1; s <= 90; s++) {
      queue.at(START + s * 1_000);
      await queue.run((q) => q.alarm());
    }
    let rows = await queue.run((_, state) => admissions(state));
    expect(rows.filter((r) => r.status === "admitted")).toHaveLength(60);
    // One booking used its pass: its slot goes to the next in line on the next tick.
    const firstAdmitted = rows.find((r) => r.rank === 1);
    const entryId = await queue.run(
      (_, state) =>
        state.storage.sql.exec<{ id: string }>("SELECT id FROM entries WHERE rank = 1").one().id,
    );
    queue.at(START + 90_500);
    await queue.run((q) => q.passUsed(entryId));
    rows = await queue.run((_, state) => admissions(state));
    expect(firstAdmitted?.status).toBe("admitted");
    expect(rows.filter((r) => r.admitted_at !== null)).toHaveLength(61);
    // Past the first passes' expiry, theirs go back and the line moves again.
    queue.at(START + 1_000 + PASS_LIFETIME_MS + 1_000);
    await queue.run((q) => q.alarm());
    rows = await queue.run((_, state) => admissions(state));
    expect(rows.filter((r) => r.status === "expired").length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.admitted_at !== null).length).toBeGreaterThan(61);
    expect(rows.filter((r) => r.status === "admitted").length).toBeLessThanOrEqual(60);
  });
});

describe("the queue's alarm", () => {
  it("is set at the latest sale opening an event may have, before the runtime's year-2189 limit", async () => {
    const queue = controlledQueue(Date.now());
    // Event dates are accepted up to LATEST_INSTANT; setAlarm refuses instants after 2189.
    const salesStartAt = new Date(LATEST_INSTANT).toISOString();
    const { entry } = await queue.run((q) =>
      q.join(queue.settings({ salesStartAt }), "attendee-far"),
    );
    expect(entry).toMatchObject({ status: "waiting", position: null });
    const alarm = await queue.run((_, state) => state.storage.getAlarm());
    expect(alarm).toBe(Date.parse(salesStartAt));
    expect(alarm).toBeLessThan(Date.UTC(2189, 0, 1));
  });
});
