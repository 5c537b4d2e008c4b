import { describe, expect, it } from "vitest";
import { expectWebhookCeiling, measureWebhookFanOut } from "./fan-out-measure";

describe("webhook fan-out", () => {
  // 5,000 bookings: fan-out.scale.test.ts (npm run test:scale).
  it("spends the same subrequests per invocation for 50 and 300 bookings changing at once, ten endpoints listening", async () => {
    const small = await measureWebhookFanOut(50);
    const large = await measureWebhookFanOut(300);
    expectWebhookCeiling(small);
    expectWebhookCeiling(large);
    expect(large).toMatchObject({
      d1: small.d1,
      queueSends: small.queueSends,
      fetches: small.fetches,
    });
    expect(large.invocations).toBeGreaterThan(small.invocations);
  }, 120_000);
});
