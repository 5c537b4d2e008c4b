import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, d1Rows, expectInvariants, ledgerRows, ledgerStub } from "./invariants";

describe("D1 failing after the ledger decided", () => {
  it("answers from the ledger, keeps the change in the outbox, and replays it once D1 is back", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 2, waitlistEnabled: true });
    const buyers = await attendeesFor(3);
    expect((await book(event.id, buyers[0] as any)).status).toBe(201);

    // A real outage of the copy: the table the ledger writes to is gone.
    await env.DB.exec("ALTER TABLE bookings RENAME TO bookings_offline");
    const during = await Promise.all(buyers.slice(1).map((b) => book(event.id, b)));
    await env.DB.exec("ALTER TABLE bookings_offline RENAME TO bookings");

    expect(during.map((r) => r.body.status).sort()).toEqual(["confirmed", "waitlisted"]);
    expect(await ledgerRows(event.id)).toHaveLength(3);
    expect(await d1Rows(event.id)).toHaveLength(1);
    const stale = await api("GET", `/api/events/${event.id}`);
    expect(stale.body.bookedCount).toBe(1);

    await runDurableObjectAlarm(ledgerStub(event.id));
    const { confirmed, waiting } = await expectInvariants(event.id, 2);
    expect(confirmed).toHaveLength(2);
    expect(waiting).toHaveLength(1);
  });
});
