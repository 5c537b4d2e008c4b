import { describe, expect, it } from "vitest";
import { as, bodyIn, bodyOf, expectProblem } from "../client";
import { type EventChanges, eventInput, eventOf, patchEvent, registerAttendee } from "../helpers";
import { eventually } from "../notifications/helpers";
import { ledgerRows } from "../races/invariants";
import { expectSeatInvariants, order } from "../races/seat-invariants";
import {
  announced,
  announcedBy,
  bookingOf,
  bookPaid,
  lapse,
  paidEvent,
  paymentOf,
  refundedBooking,
  report,
  settle,
  withLink,
} from "./helpers";

const CHECKOUT = /^http:\/\/api\.test\/sandbox\/checkout\/cs_sandbox_[0-9a-f]{32}$/;

describe("a paid booking", () => {
  it("is a hold with a checkout link for price × seats, which only a payment confirms", async () => {
    const { event } = await paidEvent({ capacity: 5 });
    const buyer = await registerAttendee();
    const booking = await bookPaid(event.id, buyer, 2);
    expect(booking).toMatchObject({
      status: "pending",
      seats: 2,
      payment: { status: "requires_payment", amount: 5000, currency: "EUR" },
    });
    expect(paymentOf(booking).checkoutUrl).toMatch(CHECKOUT);
    expect(await bookingOf(booking.id, buyer.token)).toEqual(booking);
    const confirm = await as(buyer.token).api.bookings[":id"].confirm.$post({
      param: { id: booking.id },
    });
    await expectProblem(confirm, 409, "payment_required");
    // Its attendee hears of the hold once, with the link: the copy came first, unannounced.
    expect(await announced(event.id, booking.id)).toEqual(["booking.held", "booking.pending"]);
    await expectSeatInvariants(event.id, 5);
  });

  it("is confirmed by its payment, once, whatever is delivered twice", async () => {
    const { event } = await paidEvent({ capacity: 5 });
    const buyer = await registerAttendee();
    const booking = await bookPaid(event.id, buyer);
    const paid = report(booking, "paid");
    const first = await settle(paid);
    expect(first).toMatchObject({
      known: true,
      booking: { status: "confirmed", expiresAt: null, payment: { status: "paid" } },
    });
    // The same event again, another report of the same payment, then the session's expiry.
    await settle(paid);
    await settle(report(booking, "paid"));
    await settle(report(booking, "expired"));
    const after = await bookingOf(booking.id, buyer.token);
    expect(after).toMatchObject({
      status: "confirmed",
      payment: { status: "paid", amount: 2500, checkoutUrl: null },
    });
    expect(await announced(event.id, booking.id)).toEqual([
      "booking.held",
      "booking.pending",
      "booking.confirmed",
    ]);
    const { confirmed } = await expectSeatInvariants(event.id, 5);
    expect(confirmed).toBe(1);
  });

  it("paid after its hold lapsed takes its seats again while they are free", async () => {
    const { event } = await paidEvent({ capacity: 2 });
    const buyer = await registerAttendee();
    const booking = await bookPaid(event.id, buyer, 2);
    await lapse(event.id, booking.id);
    expect(await bookingOf(booking.id, buyer.token)).toMatchObject({
      status: "expired",
      payment: { status: "failed", checkoutUrl: null },
    });
    const late = await settle(report(booking, "paid"));
    expect(late).toMatchObject({
      booking: { status: "confirmed", payment: { status: "paid" } },
    });
    const { confirmed } = await expectSeatInvariants(event.id, 2);
    expect(confirmed).toBe(2);
  });

  it("paid after its seats went to someone else is refunded at once and cancelled", async () => {
    const { event } = await paidEvent({ capacity: 1 });
    const [late, next] = [await registerAttendee(), await registerAttendee()];
    const first = await bookPaid(event.id, late);
    await lapse(event.id, first.id);
    const second = await bookPaid(event.id, next);
    expect(second.status).toBe("pending");
    const reply = await settle(report(first, "paid"));
    expect(reply).toMatchObject({
      booking: { status: "cancelled", payment: { status: "refund_pending", checkoutUrl: null } },
    });
    expect(await refundedBooking(first.id, late.token)).toMatchObject({ status: "cancelled" });
    // Exactly one refund is decided and confirmed for it, and the lapse was told once before.
    const types = await announcedBy(event.id, first.id, "booking.refunded");
    expect(types).toEqual([
      "booking.held",
      "booking.pending",
      "booking.expired",
      "checkout.expire",
      "booking.closed",
      "refund.requested",
      "booking.refunded",
    ]);
    // Delivered again: nothing more happens.
    await settle(report(first, "paid"));
    expect(await announced(event.id, first.id)).toEqual(types);
    expect(await bookingOf(second.id, next.token)).toMatchObject({ status: "pending" });
    await expectSeatInvariants(event.id, 1);
  });

  it("whose checkout expires or fails lets its seats go to the waitlist, with a fresh hold and link", async () => {
    const { event } = await paidEvent({ capacity: 1, waitlistEnabled: true });
    const [a, b, c] = [
      await registerAttendee(),
      await registerAttendee(),
      await registerAttendee(),
    ];
    const held = await bookPaid(event.id, a);
    const waiting = await bookPaid(event.id, b);
    const last = await bookPaid(event.id, c);
    expect(waiting).toMatchObject({
      status: "waitlisted",
      waitlistPosition: 1,
      payment: { status: "requires_payment", amount: 2500, checkoutUrl: null },
    });
    expect(await settle(report(held, "expired"))).toMatchObject({
      booking: { status: "expired", payment: { status: "failed" } },
    });
    const promoted = await withLink(waiting.id, b.token);
    expect(promoted).toMatchObject({ status: "pending", payment: { status: "requires_payment" } });
    expect(promoted.payment.checkoutUrl).toMatch(CHECKOUT);
    expect(Date.parse(promoted.expiresAt ?? "")).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(await announced(event.id, waiting.id)).toEqual([
      "booking.waitlisted",
      "booking.held",
      "booking.promoted",
    ]);
    // A declined payment releases it the same way, to the next in line.
    expect(await settle(report(promoted, "failed"))).toMatchObject({
      booking: { status: "cancelled", payment: { status: "failed" } },
    });
    expect((await withLink(last.id, c.token)).status).toBe("pending");
    await expectSeatInvariants(event.id, 1);
  });

  it("is refunded when cancelled after payment, and only then", async () => {
    const { event } = await paidEvent({ capacity: 3 });
    const [payer, holder] = [await registerAttendee(), await registerAttendee()];
    const paid = await bookPaid(event.id, payer);
    await settle(report(paid, "paid"));
    const unpaid = await bookPaid(event.id, holder);
    const cancelled = await bodyOf(
      await as(payer.token).api.bookings[":id"].$delete({ param: { id: paid.id } }),
      200,
    );
    // Decided at once, refunded once the provider confirms it.
    expect(cancelled.booking).toMatchObject({
      status: "cancelled",
      payment: { status: "refund_pending" },
    });
    expect(await refundedBooking(paid.id, payer.token)).toMatchObject({ status: "cancelled" });
    const released = await bodyOf(
      await as(holder.token).api.bookings[":id"].$delete({ param: { id: unpaid.id } }),
      200,
    );
    expect(released.booking.payment).toMatchObject({ status: "failed", checkoutUrl: null });
    expect(await announcedBy(event.id, paid.id, "booking.refunded")).toContain("refund.requested");
    const unpaidTypes = await announcedBy(event.id, unpaid.id, "checkout.expire");
    expect(unpaidTypes).not.toContain("refund.requested");
    await expectSeatInvariants(event.id, 3);
  });

  it("is refunded when its attendee deletes their registration", async () => {
    const { event } = await paidEvent({ capacity: 3 });
    const payer = await registerAttendee();
    const paid = await bookPaid(event.id, payer);
    await settle(report(paid, "paid"));
    const gone = await as(payer.token).api.attendees[":id"].$delete({ param: { id: payer.id } });
    await bodyOf(gone, 200);
    const types = await announcedBy(event.id, paid.id, "booking.refunded");
    expect(types.slice(-3)).toEqual(["booking.cancelled", "refund.requested", "booking.refunded"]);
    // Its D1 rows go with the attendee; the seat is free again.
    expect(await eventOf(event.id)).toMatchObject({
      bookedCount: 0,
      availableSeats: 3,
    });
  });

  it("is refunded when its event is cancelled", async () => {
    const { org, event } = await paidEvent({ capacity: 3 });
    const payer = await registerAttendee();
    const paid = await bookPaid(event.id, payer);
    await settle(report(paid, "paid"));
    bodyIn(await patchEvent(org.token, event.id, { status: "cancelled" }), 200);
    expect(await bookingOf(paid.id, payer.token)).toMatchObject({
      status: "cancelled",
      payment: { status: "refund_pending" },
    });
    expect(await refundedBooking(paid.id, payer.token)).toMatchObject({ status: "cancelled" });
    expect(await announcedBy(event.id, paid.id, "booking.refunded")).toEqual([
      "booking.held",
      "booking.pending",
      "booking.confirmed",
      "booking.closed",
      "refund.requested",
      "booking.refunded",
    ]);
  });

  it("paid for an event deleted meanwhile is refunded, not lost", async () => {
    const { org, event } = await paidEvent({ capacity: 3 });
    const payer = await registerAttendee();
    const booking = await bookPaid(event.id, payer);
    await bodyOf(await as(org.token).api.events[":id"].$delete({ param: { id: event.id } }), 200);
    // A ledger still winding down decides: no seat, so the payment is refunded. Its alarm
    // may have wound it down already (nothing held it: no refund was pending), and then the
    // report goes to the refund workflow, as below; either way nobody pays for no seat.
    const first = await settle(report(booking, "paid"));
    const decided = { booking: { status: "cancelled", payment: { status: "refund_pending" } } };
    expect(first).toMatchObject(first.known ? decided : { known: false });
    // Once that refund is confirmed the ledger forgets the event; a report after that
    // goes to the refund workflow on its own.
    const later = await eventually(
      () => settle(report(booking, "paid")),
      (reply) => !reply.known,
    );
    expect(later).toEqual({ known: false });
    expect(await settle(report(booking, "paid", { eventId: null }))).toEqual({ known: false });
  });
});

describe("paid events", () => {
  it("show their price and currency, and hold seats 30 minutes unless told otherwise", async () => {
    const { event } = await paidEvent({ currency: "eur" });
    expect(event).toMatchObject({ price: 2500, currency: "EUR", holdMinutes: 30 });
  });

  it("need a currency and a hold Stripe Checkout can live with", async () => {
    const { org } = await paidEvent();
    const create = (terms: { price: number; currency?: string; holdMinutes?: number }) =>
      as(org.token).api.events.$post({
        json: {
          title: "Paid",
          country: "FR",
          startDate: "2030-05-01T10:00:00Z",
          endDate: "2030-05-01T18:00:00Z",
          capacity: 10,
          ...terms,
        },
      });
    const noCurrency = await expectProblem(await create({ price: 100 }), 422, "validation_failed");
    expect(noCurrency.errors).toEqual([expect.objectContaining({ path: "currency" })]);
    const shortHold = await expectProblem(
      await create({ price: 100, currency: "EUR", holdMinutes: 15 }),
      422,
      "validation_failed",
    );
    expect(shortHold.errors).toEqual([expect.objectContaining({ path: "holdMinutes" })]);
    await expectProblem(await create({ price: 100, currency: "XYZ" }), 422, "validation_failed");
    await expectProblem(await create({ price: -1, currency: "EUR" }), 422, "validation_failed");
    await expectProblem(
      await create({ price: 100_000_001, currency: "EUR" }),
      422,
      "validation_failed",
    );
    await expectProblem(await create({ price: 1.5, currency: "EUR" }), 422, "validation_failed");
  });

  it("cost at least what Stripe will charge in their currency", async () => {
    const { org } = await paidEvent();
    const create = (price: number, currency: string) =>
      as(org.token).api.events.$post({ json: eventInput({ price, currency }) });
    const tooCheap = await expectProblem(await create(49, "EUR"), 422, "validation_failed");
    expect(tooCheap.errors).toEqual([expect.objectContaining({ path: "price" })]);
    await bodyOf(await create(30, "GBP"), 201);
  });

  it("keep that minimum through updates, in the currency they will have", async () => {
    const { org, event } = await paidEvent({ price: 100 });
    const patch = (changes: EventChanges) => patchEvent(org.token, event.id, changes);
    for (const changes of [{ price: 10 }, { currency: "DKK" }]) {
      const problem = await expectProblem(await patch(changes), 422, "validation_failed");
      expect(problem.errors).toEqual([expect.objectContaining({ path: "price" })]);
    }
    expect((await patch({ price: 250, currency: "DKK" })).status).toBe(200);
  });

  it("refuse a booking whose total Stripe could not charge, holding nothing", async () => {
    const { event } = await paidEvent({ price: 50_000_000, capacity: 5 });
    const buyer = await registerAttendee();
    const res = await order(event.id, buyer, { seats: 2 });
    const problem = await expectProblem(res, 422, "validation_failed");
    expect(problem.errors).toEqual([expect.objectContaining({ path: "seats" })]);
    expect(await ledgerRows(event.id)).toEqual([]);
    expect(await eventOf(event.id)).toMatchObject({
      availableSeats: 5,
      heldSeats: 0,
    });
    expect((await order(event.id, buyer, { seats: 1 })).status).toBe(201);
  });

  it("keep their terms consistent through updates, judged on the values they will have", async () => {
    const { org, event } = await paidEvent({ price: 0, currency: null, holdMinutes: 15 });
    const patch = (changes: EventChanges) => patchEvent(org.token, event.id, changes);
    const noCurrency = await expectProblem(await patch({ price: 900 }), 422, "validation_failed");
    expect(noCurrency.errors).toEqual([expect.objectContaining({ path: "currency" })]);
    const shortHold = await expectProblem(
      await patch({ price: 900, currency: "USD" }),
      422,
      "validation_failed",
    );
    expect(shortHold.errors).toEqual([expect.objectContaining({ path: "holdMinutes" })]);
    const ok = bodyIn(await patch({ price: 900, currency: "USD", holdMinutes: 45 }), 200);
    expect(ok).toMatchObject({ price: 900, currency: "USD", holdMinutes: 45 });
    expect(await eventOf(event.id)).toMatchObject({
      price: 900,
      currency: "USD",
    });
  });

  it("charge what a booking cost when it was placed, not a later price", async () => {
    const { org, event } = await paidEvent({ capacity: 5 });
    const buyer = await registerAttendee();
    const booking = await bookPaid(event.id, buyer, 2);
    await patchEvent(org.token, event.id, { price: 9900 });
    expect(paymentOf(await bookingOf(booking.id, buyer.token)).amount).toBe(5000);
  });
});
