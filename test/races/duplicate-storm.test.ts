import { describe, expect, it } from "vitest";
import { expectProblem } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { book, expectInvariants } from "./invariants";

describe("one attendee hammering the same event", () => {
  it("gets exactly one booking out of 50 parallel attempts", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 100 });
    const attendee = await registerAttendee("Buyer");
    const answers = await Promise.all(Array.from({ length: 50 }, () => book(event.id, attendee)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = answers.filter((r) => r.status === 409);
    expect(refused).toHaveLength(49);
    for (const r of refused) await expectProblem(r, 409, "already_booked");
    const { ledger } = await expectInvariants(event.id, 100);
    expect(ledger).toHaveLength(1);
  });
});
