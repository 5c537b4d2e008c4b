import { describe, expect, it } from "vitest";
import { bodyIn, expectProblem } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor } from "./invariants";
import { expectSeatInvariants, order } from "./seat-invariants";

describe("80 holds of 1 or 2 seats for 20 seats, without a waitlist", () => {
  it("holds at most 20 seats, and refuses only orders that no longer fit", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 20 });
    const buyers = await attendeesFor(80);
    const seatsOf = (i: number) => (i % 2) + 1;
    const answers = await Promise.all(
      buyers.map((b, i) => order(event.id, b, { seats: seatsOf(i), hold: true })),
    );
    const { held, confirmed } = await expectSeatInvariants(event.id, 20);
    expect(confirmed).toBe(0);
    const granted = answers.filter((r) => r.status === 201).map((r) => bodyIn(r, 201));
    expect(granted.every((b) => b.status === "pending" && b.expiresAt)).toBe(true);
    expect(granted.reduce((n, b) => n + b.seats, 0)).toBe(held);
    // Seats are only taken during the burst, so a refusal means the order fits no more now.
    for (const [i, r] of answers.entries()) {
      if (r.status === 201) continue;
      await expectProblem(r, 409, "event_full");
      expect(seatsOf(i)).toBeGreaterThan(20 - held);
    }
  });
});
