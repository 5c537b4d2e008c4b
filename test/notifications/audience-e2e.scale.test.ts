import { describe, it } from "vitest";
import { expectEventWideChangeReachesAll } from "./audience-e2e";

describe("an event-wide change to 5,000 attendees, end to end", () => {
  it("reaches every confirmed attendee through the real queue", async () => {
    await expectEventWideChangeReachesAll(5_000, 240_000);
  }, 300_000);
});
