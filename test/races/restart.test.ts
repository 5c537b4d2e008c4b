import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createEvent, registerOrganizer } from "../helpers";
import { sleep, wrapLedgerBatches } from "../ledger/ledger-d1";
import { attendeesFor, book, expectInvariants, ledgerStub } from "./invariants";

/** How long each of the ledger's copies to D1 takes during the burst. */
const COPY_MS = 50;

describe("a ledger restarted in the middle of a burst", () => {
  it("keeps every guarantee, and D1 converges to the ledger", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 15, waitlistEnabled: true });
    const buyers = await attendeesFor(100);
    // Abort once the burst is under way: the first answer in, the rest still in flight. Each
    // copy to D1 takes a while, so the bookings decided while the first one's copy landed
    // are still waiting for theirs when the abort comes.
    await wrapLedgerBatches(event.id, (batch) => async (statements) => {
      await sleep(COPY_MS);
      return batch(statements);
    });
    let answered = 0;
    let underWay: () => void = () => {};
    const firstAnswered = new Promise<void>((resolve) => {
      underWay = resolve;
    });
    const burst = Promise.all(
      buyers.map(async (b, i) => {
        const res = await book(event.id, b, `restart-${i}`);
        if (++answered === 1) underWay();
        return res;
      }),
    );
    await firstAnswered;
    await abortAllDurableObjects();
    const answers = await burst;
    // Requests cut off by the restart fail; none may have half-happened.
    const cutOff = answers.filter((r) => r.status !== 201);
    expect(cutOff.length).toBeGreaterThan(0);
    for (const r of cutOff) expect(r.status).toBeGreaterThanOrEqual(500);

    // Retries with the same keys finish the burst without creating a second booking.
    const retried = await Promise.all(
      buyers.map((b, i) =>
        answers[i]?.status === 201 ? answers[i] : book(event.id, b, `restart-${i}`),
      ),
    );
    for (const r of retried) expect(r.status).toBe(201);
    await runDurableObjectAlarm(ledgerStub(event.id));
    const { ledger, confirmed } = await expectInvariants(event.id, 15);
    expect(confirmed).toHaveLength(15);
    expect(ledger.filter((r) => r.status !== "cancelled")).toHaveLength(buyers.length);
  });
});
