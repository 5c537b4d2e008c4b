import { describe, expect, it } from "vitest";
import { bodyIn } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor } from "./invariants";
import { expectSeatInvariants, order } from "./seat-invariants";

describe("a flash sale of 150 orders of 1 to 4 seats for 60 seats, with a waitlist", () => {
  it("sells each order whole or queues it whole, never past capacity or out of turn", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 60, waitlistEnabled: true });
    const buyers = await attendeesFor(150);
    const seatsOf = (i: number) => (i % 4) + 1;
    const answers = await Promise.all(
      buyers.map((b, i) => order(event.id, b, { seats: seatsOf(i) })),
    );
    const bookings = answers.map((r) => bodyIn(r, 201));
    bookings.forEach((b, i) => {
      expect(b.seats).toBe(seatsOf(i));
    });
    const { confirmed, waitlisted } = await expectSeatInvariants(event.id, 60);
    const requested = buyers.reduce((n, _, i) => n + seatsOf(i), 0);
    expect(confirmed + waitlisted).toBe(requested);
    const positions = bookings
      .filter((b) => b.status === "waitlisted")
      .map((b) => b.waitlistPosition ?? 0)
      .sort((a, b) => a - b);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
  });
});
