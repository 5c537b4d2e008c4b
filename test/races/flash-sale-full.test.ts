import { describe, expect, it } from "vitest";
import { expectProblem } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, expectInvariants } from "./invariants";

describe("a flash sale of 200 buyers for 20 seats", () => {
  it("confirms exactly 20 and turns 180 away when there is no waitlist", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 20 });
    const buyers = await attendeesFor(200);
    const answers = await Promise.all(buyers.map((b) => book(event.id, b)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = answers.filter((r) => r.status === 409);
    expect(refused).toHaveLength(180);
    for (const r of refused) await expectProblem(r, 409, "event_full");
    const { confirmed } = await expectInvariants(event.id, 20);
    expect(confirmed).toHaveLength(20);
  });
});
