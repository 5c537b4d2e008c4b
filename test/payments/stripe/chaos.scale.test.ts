import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runStep } from "../../../src/workflows/run";
import { cancelBooking, deleteEvent } from "../../helpers";
import { ledgerStub } from "../../races/invariants";
import { attendees, bookPaid, lapse, paidEvent } from "../helpers";
import { stripeEvent } from "../webhook-signing";
import { deliver, injectStripeFaults, payCheckout, refundsOf, sessionOf } from "./stand-in";

const BOOKINGS = 200;

type LedgerRow = {
  id: string;
  status: string;
  payment_status: string | null;
  payment_intent: string | null;
  checkout_url: string | null;
  amount: number;
};

const ledgerBookings = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) =>
    state.storage.sql
      .exec<LedgerRow>(
        "SELECT id, status, payment_status, payment_intent, checkout_url, amount FROM bookings",
      )
      .toArray(),
  );

const pick = <T>(items: T[], share: number) => items.filter(() => Math.random() < share);

describe("payments under chaos", () => {
  it("200 paid bookings while Stripe fails 30 % of calls, holds lapse, attendees cancel and the event is deleted: every payment is seated or refunded once", async () => {
    const { org, event } = await paidEvent({ capacity: 120, waitlistEnabled: true });
    await injectStripeFaults(event.id, { failRate: 0.3 });
    const people = await attendees(BOOKINGS);
    const booked = await Promise.all(people.map((p) => bookPaid(event.id, p)));
    const tokens = new Map(booked.map((b, i) => [b.id, people[i]?.token as string]));

    // Holds without a link wait for the alarm's retries; whoever has a link pays, or lapses.
    const intents = new Set<string>();
    const payAll = async (rows: LedgerRow[]) =>
      Promise.all(
        rows.map(async (row) => {
          if (!row.checkout_url) return;
          const session = await payCheckout(sessionOf(row.checkout_url)).catch(() => null);
          if (!session) return;
          intents.add(session.payment_intent);
          await deliver(stripeEvent("checkout.session.completed", session));
        }),
      );
    const held = (await ledgerBookings(event.id)).filter((r) => r.status === "pending");
    const lapsing = pick(held, 0.15);
    await Promise.all([...lapsing.map((r) => lapse(event.id, r.id)), payAll(pick(held, 0.7))]);
    const paid = (await ledgerBookings(event.id)).filter((r) => r.payment_status === "paid");
    await Promise.all(pick(paid, 0.2).map((r) => cancelBooking(tokens.get(r.id) ?? "", r.id)));
    await payAll((await ledgerBookings(event.id)).filter((r) => r.status === "pending"));

    // Before the deletion: a seated payment is paid, and no booking says refunded unless
    // Stripe holds that refund.
    const before = await ledgerBookings(event.id);
    for (const row of before) {
      if (row.status === "confirmed") expect(row.payment_status).toBe("paid");
      if (row.payment_status === "refunded") {
        expect(await refundsOf(row.payment_intent as string)).toHaveLength(1);
      }
    }
    await deleteEvent(org.token, event.id);

    // The refund workflow's retries, run now rather than over the next minutes.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const rows = await ledgerBookings(event.id);
      const pending = rows.filter((r) => r.payment_status === "refund_pending");
      if ((rows.length === 0 || pending.length === 0) && Date.now() > deadline - 55_000) break;
      if (Date.now() > deadline) break;
      await Promise.all(
        pending.map((r) =>
          runStep(env, {
            workflow: "refund",
            eventId: event.id,
            bookingId: r.id,
            paymentIntentId: r.payment_intent as string,
            amount: r.amount,
            currency: "EUR",
            attempt: 1,
            decidedAt: Date.now(),
          }).catch(() => {}),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await injectStripeFaults(event.id, { clear: true });

    // Every captured payment was refunded exactly once: the event is gone.
    expect(intents.size).toBeGreaterThan(20);
    for (const intent of intents) {
      expect(await refundsOf(intent), intent).toHaveLength(1);
    }
    const after = await ledgerBookings(event.id);
    expect(after.filter((r) => r.payment_status === "refund_pending")).toEqual([]);
    expect(after.filter((r) => r.payment_status === "refund_failed")).toEqual([]);
  });
});
