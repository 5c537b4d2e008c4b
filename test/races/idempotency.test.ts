import { describe, expect, it } from "vitest";
import { bodyIn, expectProblem } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { book, expectInvariants } from "./invariants";

describe("one Idempotency-Key sent 20 times at once", () => {
  it("creates one booking, and every answer is that booking or 'still in progress'", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 5 });
    const attendee = await registerAttendee("Buyer");
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => book(event.id, attendee, "flash-sale-retry-1")),
    );
    const created = answers.filter((r) => r.status === 201).map((r) => bodyIn(r, 201));
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((b) => b.id)).size).toBe(1);
    for (const r of answers.filter((r) => r.status !== 201)) {
      await expectProblem(r, 409, "request_in_progress");
    }
    const { ledger } = await expectInvariants(event.id, 5);
    expect(ledger).toHaveLength(1);
    // Once settled, a retry replays the original answer.
    const retry = await book(event.id, attendee, "flash-sale-retry-1");
    expect(bodyIn(retry, 201)).toEqual(created[0]);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
  });
});
