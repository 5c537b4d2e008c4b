import { describe, it } from "vitest";
import { DEPARTURE_STEP } from "../../src/workflows/depart-attendee";
import { expectBoundedDeparture } from "./departure-steps";

// The same over fifteen steps: attendee-departure.scale.test.ts (npm run test:scale).
describe("deleting an attendee with many active bookings", () => {
  it("releases every seat in bounded steps, none making more than a few subrequests", async () => {
    await expectBoundedDeparture(3 * DEPARTURE_STEP);
  });
});
