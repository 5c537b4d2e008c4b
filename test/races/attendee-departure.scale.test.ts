import { describe, it } from "vitest";
import { expectBoundedDeparture } from "./departure-steps";

// 150 bookings take fifteen steps, each waking DEPARTURE_STEP ledgers of their own.
describe("deleting an attendee with 150 active bookings", () => {
  it("releases every seat in bounded steps, none making more than a few subrequests", async () => {
    await expectBoundedDeparture(150);
  });
});
