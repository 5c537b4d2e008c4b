import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, bodyOf } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, d1Rows, expectInvariants, ledgerRows, ledgerStub } from "./invariants";

describe("D1 failing after the ledger decided", () => {
  it("answers from the ledger, keeps the change in the outbox, and replays it once D1 is back", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 2, waitlistEnabled: true });
    const buyers = await attendeesFor(3);
    const [first, ...rest] = buyers;
    expect((await book(event.id, first as (typeof buyers)[number])).status).toBe(201);

    // A real outage of the copy: the table the ledger writes to is gone.
    await env.DB.exec("ALTER TABLE bookings RENAME TO bookings_offline");
    const during = await Promise.all(rest.map((b) => book(event.id, b)));
    await env.DB.exec("ALTER TABLE bookings_offline RENAME TO bookings");

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
});
