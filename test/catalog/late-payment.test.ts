import { describe, expect, it } from "vitest";
import { bodyOf } from "../client";
import { bookingOf, lapse, paymentOf, refundedBooking, report, settle } from "../payments/helpers";
import { addCode, eventSelling, order, registerAttendee } from "./helpers";
import { expectCatalogInvariants } from "./invariants";

describe("a payment that arrives after its hold lapsed, with a promo code", () => {
  it("takes its seats and its use again while the code has one left", async () => {
    const { organizer, event, types } = await eventSelling([{ name: "Regular", price: 2000 }], {
      price: 2000,
      currency: "EUR",
      holdMinutes: 30,
    });
    await addCode(organizer, event.id, { code: "ONCE", kind: "percent", value: 50, maxUses: 1 });
    const buyer = await registerAttendee();
    const items = [{ ticketTypeId: types[0].id, quantity: 1 }];
    const booking = await bodyOf(await order(event.id, buyer, { items, promoCode: "ONCE" }), 201);
    expect(booking.payment?.amount).toBe(1000);
    await lapse(event.id, booking.id);
    const late = await settle(report(booking, "paid"));
    expect(late).toMatchObject({ booking: { status: "confirmed", payment: { status: "paid" } } });
    const { codes } = await expectCatalogInvariants(event.id);
    expect(codes[0]?.used_count).toBe(1);
  });

  it("is refunded when someone else took the code's last use meanwhile", async () => {
    const { organizer, event, types } = await eventSelling([{ name: "Regular", price: 2000 }], {
      price: 2000,
      currency: "EUR",
      holdMinutes: 30,
    });
    await addCode(organizer, event.id, { code: "ONCE", kind: "percent", value: 50, maxUses: 1 });
    const [first, second] = [await registerAttendee("first"), await registerAttendee("second")];
    const items = [{ ticketTypeId: types[0].id, quantity: 1 }];
    const booking = await bodyOf(await order(event.id, first, { items, promoCode: "ONCE" }), 201);
    await lapse(event.id, booking.id);
    await bodyOf(await order(event.id, second, { items, promoCode: "ONCE" }), 201);
    const late = await settle(report(booking, "paid"));
    expect(late).toMatchObject({ booking: { status: "cancelled" } });
    expect(await refundedBooking(booking.id, first.token)).toMatchObject({ status: "cancelled" });
    const { codes } = await expectCatalogInvariants(event.id);
    expect(codes[0]?.used_count).toBe(1);
    expect(paymentOf(await bookingOf(booking.id, first.token)).amount).toBe(1000);
  });
});
