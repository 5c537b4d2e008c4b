import { describe, expect, it } from "vitest";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, expectInvariants } from "./invariants";

describe("one Idempotency-Key sent 20 times at once", () => {
  it("creates one booking, and every answer is that booking or 'still in progress'", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 5 });
    const [attendee] = await attendeesFor(1);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => book(event.id, attendee, "flash-sale-retry-1")),
    );
    const created = answers.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of answers.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe("request_in_progress");
    }
    const { ledger } = await expectInvariants(event.id, 5);
    expect(ledger).toHaveLength(1);
    // Once settled, a retry replays the original answer.
    const retry = await book(event.id, attendee, "flash-sale-retry-1");
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(created[0]?.body);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
  });
});
