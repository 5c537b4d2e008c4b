import { describe, expect, it } from "vitest";
import { bodyIn } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, expectInvariants } from "./invariants";

describe("a flash sale of 200 buyers for 20 seats", () => {
  it("confirms exactly 20 and queues 180 at positions 1..180 with a waitlist", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 20, waitlistEnabled: true });
    const buyers = await attendeesFor(200);
    const answers = await Promise.all(buyers.map((b) => book(event.id, b)));
    const bookings = answers.map((r) => bodyIn(r, 201));
    const confirmed = bookings.filter((b) => b.status === "confirmed");
    const waiting = bookings.filter((b) => b.status === "waitlisted");
    expect(confirmed).toHaveLength(20);
    const positions = waiting.map((b) => b.waitlistPosition ?? 0).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    await expectInvariants(event.id, 20);
  });
});
