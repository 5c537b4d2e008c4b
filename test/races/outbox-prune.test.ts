import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { bodyIn } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, d1Rows, expectInvariants, ledgerStub } from "./invariants";

describe("the ledger's outbox after old rows are pruned", () => {
  it("keeps numbering forward, so later changes still reach D1 before the answer", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 5 });
    const [first, second] = await attendeesFor(2);
    expect((await book(event.id, first as any)).status).toBe(201);
    // Age every copied and published row past the retention, then let the alarm prune them.
    await runInDurableObject(ledgerStub(event.id), (_, state) => {
      state.storage.sql.exec("UPDATE outbox SET occurred_at = '2000-01-01T00:00:00.000Z'");
    });
    await runDurableObjectAlarm(ledgerStub(event.id));
    const left = await runInDurableObject(ledgerStub(event.id), (_, state) =>
      state.storage.sql.exec("SELECT count(*) AS n FROM outbox").one(),
    );
    expect(left.n).toBe(0);

    const later = await book(event.id, second as any);
    expect((await d1Rows(event.id)).map((r) => r.id)).toContain(bodyIn(later, 201).id);
    await expectInvariants(event.id, 5);
  });
});
