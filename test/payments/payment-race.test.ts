import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ledgerStub } from "../races/invariants";
import { expectSeatInvariants } from "../races/seat-invariants";
import { attendees, bookPaid, lapse, paidEvent, report, settle, withLink } from "./helpers";

type Row = { id: string; attendee_id: string; status: string; payment_status: string | null };

const ledgerState = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => {
    const sql = state.storage.sql;
    const rows = sql
      .exec<Row>("SELECT id, attendee_id, status, payment_status FROM bookings ORDER BY seq")
      .toArray();
    const refunds = sql
      .exec<{ id: string }>("SELECT booking_id AS id FROM outbox WHERE type = 'refund.requested'")
      .toArray()
      .map((r) => r.id);
    return { rows, refunds };
  });

describe("paying for seats under load", () => {
  it("50 payers for 10 paid seats, holds lapsing meanwhile: one paid seat or one refund each", async () => {
    const { event } = await paidEvent({ capacity: 10, waitlistEnabled: true });
    const payers = await attendees(50);
    const booked = await Promise.all(payers.map((p) => bookPaid(event.id, p)));
    const pending = booked.filter((b) => b.status === "pending");
    expect(pending).toHaveLength(10);
    const tokens = new Map(booked.map((b, i) => [b.id, payers[i]?.token as string]));

    // Every holder pays (most twice, as a redelivery would), while four holds lapse and the
    // waitlist moves into their seats: each lapsed payer's money races its own expiry.
    const lapsing = pending.slice(0, 4);
    const paidFor = new Set(pending.map((b) => b.id));
    await Promise.all([
      ...lapsing.map((b) => lapse(event.id, b.id)),
      ...pending.map((b) => settle(report(b, "paid"))),
      ...pending.slice(4).map((b) => settle(report(b, "paid"))),
    ]);

    // Whoever was promoted meanwhile gets a link and pays too, twice over.
    const { rows } = await ledgerState(event.id);
    const promoted = rows.filter((r) => r.status === "pending");
    await Promise.all(promoted.map((r) => withLink(r.id, tokens.get(r.id) as string)));
    await Promise.all(
      promoted.flatMap((r) => {
        paidFor.add(r.id);
        const booking = { id: r.id, eventId: event.id };
        return [settle(report(booking, "paid")), settle(report(booking, "paid"))];
      }),
    );

    const after = await ledgerState(event.id);
    for (const row of after.rows.filter((r) => paidFor.has(r.id))) {
      const refunds = after.refunds.filter((id) => id === row.id).length;
      const seated = row.status === "confirmed" && row.payment_status === "paid";
      const refunded =
        row.status === "cancelled" &&
        (row.payment_status === "refund_pending" || row.payment_status === "refunded");
      expect(seated !== refunded, `${row.id}: ${row.status}/${row.payment_status}`).toBe(true);
      expect(refunds).toBe(refunded ? 1 : 0);
    }
    const seated = after.rows.filter((r) => r.status === "confirmed");
    expect(seated.every((r) => r.payment_status === "paid")).toBe(true);
    expect(after.rows.filter((r) => r.payment_status === "paid")).toHaveLength(seated.length);
    expect(seated.length).toBe(10);
    const { confirmed, held } = await expectSeatInvariants(event.id, 10);
    expect(confirmed + held).toBe(10);
  });
});
