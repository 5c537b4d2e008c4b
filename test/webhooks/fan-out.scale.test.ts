import { describe, it } from "vitest";
import { expectWebhookCeiling, measureWebhookFanOut } from "./fan-out-measure";

describe("webhook fan-out at scale", () => {
  it("keeps every invocation under the subrequest limit with 5,000 bookings changing at once and ten endpoints", async () => {
    expectWebhookCeiling(await measureWebhookFanOut(5_000));
  }, 600_000);
});
