import { describe, expect, it } from "vitest";
import { createEvent, expectProblem, registerOrganizer } from "../helpers";
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
    const granted = answers.filter((r) => r.status === 201);
    expect(granted.every((r) => r.body.status === "pending" && r.body.expiresAt)).toBe(true);
    expect(granted.reduce((n, r) => n + r.body.seats, 0)).toBe(held);
    // Seats are only taken during the burst, so a refusal means the order fits no more now.
    answers.forEach((r, i) => {
      if (r.status === 201) return;
      expectProblem(r, 409, "event_full");
      expect(seatsOf(i)).toBeGreaterThan(20 - held);
    });
  });
});
