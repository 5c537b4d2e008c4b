import { describe, it } from "vitest";
import { expectEventWideChangeReachesAll, SMALL_AUDIENCE } from "./audience-e2e";

// The same at 5,000 attendees: audience-e2e.scale.test.ts (npm run test:scale).
describe(`an event-wide change to ${SMALL_AUDIENCE} attendees, end to end`, () => {
  it("reaches every confirmed attendee through the real queue", async () => {
    await expectEventWideChangeReachesAll(SMALL_AUDIENCE, 60_000);
  });
});
