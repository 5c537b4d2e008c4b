import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { bodyIn } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, ledgerStub } from "./invariants";
import { expectSeatInvariants, order } from "./seat-invariants";

describe("a ledger restarted in the middle of a burst of orders and holds", () => {
  it("keeps every guarantee, and retries finish the burst with one booking each", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 30, waitlistEnabled: true });
    const buyers = await attendeesFor(60);
    const bodyOf = (i: number) => ({ seats: (i % 4) + 1, hold: i % 3 === 0 });
    let answered = 0;
    let underWay: () => void = () => {};
    const tenAnswered = new Promise<void>((resolve) => {
      underWay = resolve;
    });
    const burst = Promise.all(
      buyers.map(async (b, i) => {
        const res = await order(event.id, b, bodyOf(i), `seats-restart-${i}`);
        if (++answered === 10) underWay();
        return res;
      }),
    );
    await tenAnswered;
    await abortAllDurableObjects();
    const answers = await burst;
    for (const r of answers.filter((r) => r.status !== 201)) {
      expect(r.status).toBeGreaterThanOrEqual(500);
    }

    const retried = await Promise.all(
      buyers.map((b, i) =>
        answers[i]?.status === 201
          ? answers[i]
          : order(event.id, b, bodyOf(i), `seats-restart-${i}`),
      ),
    );
    const bookings = retried.map((r) => bodyIn(r, 201));
    await runDurableObjectAlarm(ledgerStub(event.id));
    const { rows } = await expectSeatInvariants(event.id, 30);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.attendee_id)).size).toBe(60);
    bookings.forEach((b, i) => {
      expect(b.seats).toBe(bodyOf(i).seats);
    });
  });
});
