import { describe, expect, it } from "vitest";
import { FRAME_INTERVAL_MS, FRAMES_PER_SECOND, frameInterval } from "../../src/ledger/live-viewers";

describe("the live viewers' frame interval", () => {
  it("stays at 250 ms for a small audience", () => {
    expect(frameInterval(0)).toBe(FRAME_INTERVAL_MS);
    expect(frameInterval(1)).toBe(250);
    expect(frameInterval(250)).toBe(250);
  });

  it("grows with the audience so the sends per second stay within the budget", () => {
    expect(frameInterval(251)).toBe(251);
    expect(frameInterval(2_000)).toBe(2_000);
    for (const viewers of [1, 100, 500, 1_000, 2_000, 5_000]) {
      const sendsPerSecond = (viewers * 1000) / frameInterval(viewers);
      expect(sendsPerSecond).toBeLessThanOrEqual(FRAMES_PER_SECOND);
    }
  });
});
