import { describe, expect, it } from "vitest";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, expectInvariants } from "./invariants";

describe("a flash sale of 200 buyers for 20 seats", () => {
  it("confirms exactly 20 and queues 180 at positions 1..180 with a waitlist", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 20, waitlistEnabled: true });
    const buyers = await attendeesFor(200);
    const answers = await Promise.all(buyers.map((b) => book(event.id, b)));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    const confirmed = answers.filter((r) => r.body.status === "confirmed");
    const waiting = answers.filter((r) => r.body.status === "waitlisted");
    expect(confirmed).toHaveLength(20);
    const positions = waiting.map((r) => r.body.waitlistPosition).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    await expectInvariants(event.id, 20);
  });
});
