import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as, bodyOf, expectProblem } from "../client";
import { createEvent, registerAttendees, registerOrganizer } from "../helpers";
import { ledgerStub } from "./invariants";

const bookFor = (org: { token: string }, eventId: string, attendeeId: string, key: string) =>
  as(org.token).api.bookings.$post({
    json: { eventId, attendeeId },
    header: { "idempotency-key": key },
  });

describe("an Idempotency-Key older than 24 hours", () => {
  it("binds nothing any more: the same key with another body books again", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 5 });
    const [first, second] = await registerAttendees("First", "Second");
    expect((await bookFor(org, event.id, first.id, "daily-key")).status).toBe(201);
    await expectProblem(
      await bookFor(org, event.id, second.id, "daily-key"),
      422,
      "idempotency_key_reused",
    );

    // Age the key in both places that hold it, D1 and the event's ledger.
    const dayAndAHourAgo = Date.now() - 25 * 60 * 60 * 1000;
    await env.DB.prepare("UPDATE idempotency_keys SET created_at = ? WHERE key = 'daily-key'")
      .bind(new Date(dayAndAHourAgo).toISOString())
      .run();
    await runInDurableObject(ledgerStub(event.id), (_, state) => {
      state.storage.sql.exec("UPDATE idempotency SET created_at = ?", dayAndAHourAgo);
    });

    const again = await bookFor(org, event.id, second.id, "daily-key");
    expect((await bodyOf(again, 201)).attendeeId).toBe(second.id);
    expect(again.headers.get("Idempotent-Replayed")).toBeNull();
  });
});
