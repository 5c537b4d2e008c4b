import { describe, it } from "vitest";
import { expectFixedCeiling } from "./fan-out-measure";

describe("an audience of any size", () => {
  it("spends a fixed number of subrequests per invocation from 10 to 5,000 recipients", async () => {
    await expectFixedCeiling([10, 1_000, 5_000]);
  }, 300_000);
});
