import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, bodyOf, expectProblem } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import {
  attendeesFor,
  book,
  bookFor,
  d1Rows,
  expectInvariants,
  ledgerRows,
  ledgerStub,
} from "./invariants";

/** A real outage of the copy: the table the ledger writes to is gone meanwhile. */
const whileCopyFails = async <T>(during: () => Promise<T>): Promise<T> => {
  await env.DB.exec("ALTER TABLE bookings RENAME TO bookings_offline");
  try {
    return await during();
  } finally {
    await env.DB.exec("ALTER TABLE bookings_offline RENAME TO bookings");
  }
};

describe("D1 failing after the ledger decided", () => {
  it("answers a caller D1 already checked from the ledger, and replays the change once D1 is back", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 2, waitlistEnabled: true });
    const buyers = await attendeesFor(3);
    const [first, ...rest] = buyers;
    expect((await book(event.id, first as (typeof buyers)[number])).status).toBe(201);

    // An organizer's booking checked the attendee in D1 before its ledger decided.
    const during = await whileCopyFails(() =>
      Promise.all(rest.map((attendee) => bookFor(event.id, org.token, attendee))),
    );

    expect(during.map((r) => r.body.status).sort()).toEqual(["confirmed", "waitlisted"]);
    expect(await ledgerRows(event.id)).toHaveLength(3);
    expect(await d1Rows(event.id)).toHaveLength(1);
    const stale = await anyone.api.events[":id"].$get({ param: { id: event.id } });
    expect((await bodyOf(stale, 200)).bookedCount).toBe(1);

    await runDurableObjectAlarm(ledgerStub(event.id));
    const { confirmed, waiting } = await expectInvariants(event.id, 2);
    expect(confirmed).toHaveLength(2);
    expect(waiting).toHaveLength(1);
  });

  it("lets go of a booking only the copy could check, answers 503, and books on the retry", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 1, waitlistEnabled: true });
    const [buyer, next] = await attendeesFor(2);
    if (!buyer || !next) throw new Error("two attendees expected");

    const refused = await whileCopyFails(() => book(event.id, buyer, "outage-key"));
    await expectProblem(refused, 503, "overloaded");
    expect(refused.headers.get("retry-after")).toBe("1");
    // The seat went back at once: the next attendee takes it, not a place on the waitlist.
    const after = await book(event.id, next);
    expect(after.status).toBe(201);
    expect(after.status === 201 && after.body.status).toBe("confirmed");

    await runDurableObjectAlarm(ledgerStub(event.id));
    const ledger = await ledgerRows(event.id);
    expect(ledger.filter((row) => row.attendee_id === buyer.id).map((r) => r.status)).toEqual([
      "cancelled",
    ]);
    expect((await d1Rows(event.id)).filter((row) => row.status !== "cancelled")).toEqual([
      expect.objectContaining({ attendee_id: next.id, status: "confirmed" }),
    ]);
    // Nothing of the refused call is replayed: the same key decides anew.
    const retry = await book(event.id, buyer, "outage-key");
    expect(retry.status).toBe(201);
    expect(retry.status === 201 && retry.body).toMatchObject({
      status: "waitlisted",
      attendee: { id: buyer.id, name: buyer.name },
    });
    await expectInvariants(event.id, 1);
  });
});
