import { describe, expect, it } from "vitest";
import { eventOf } from "../helpers";
import { paymentOf } from "../payments/helpers";
import { bookingNow, formPost, paidBooking, returnPage, sandboxPage } from "./helpers";

describe("POST /sandbox/checkout/{sessionId}/pay and /decline", () => {
  it("pay answers 303 to the page and confirms the booking as paid", async () => {
    const { booking, attendee, sessionId } = await paidBooking();
    const res = await formPost(`/sandbox/checkout/${sessionId}/pay`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/sandbox/checkout/${sessionId}`);
    const now = await bookingNow(booking.id, attendee.token);
    expect(now.status).toBe("confirmed");
    expect(now.payment).toMatchObject({ status: "paid", amount: 5000, currency: "EUR" });
    const page = await (await sandboxPage(sessionId)).text();
    expect(page).toContain("Payment received: your booking is confirmed.");
    expect(page).not.toContain("<form");
  });

  it("decline answers 303 and releases the held seats", async () => {
    const { booking, attendee, event, sessionId } = await paidBooking({ seats: 3 });
    const res = await formPost(`/sandbox/checkout/${sessionId}/decline`, "reason=changed+my+mind");
    expect(res.status).toBe(303);
    const now = await bookingNow(booking.id, attendee.token);
    expect(now.status).not.toMatch(/pending|confirmed/);
    expect(now.payment?.status).toBe("failed");
    const seats = await eventOf(event.id);
    expect(seats.availableSeats).toBe(50);
    const page = await (await sandboxPage(sessionId)).text();
    expect(page).toContain("The payment was declined");
    expect(page).not.toContain("<form");
  });

  it("lets many clicks on both buttons settle the booking once, seats counted once", async () => {
    const { booking, attendee, event, sessionId } = await paidBooking({ seats: 2 });
    const clicks = Array.from({ length: 12 }, (_, i) =>
      formPost(`/sandbox/checkout/${sessionId}/${i % 2 ? "decline" : "pay"}`),
    );
    const answers = await Promise.all(clicks);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 303));
    const now = await bookingNow(booking.id, attendee.token);
    const paid = paymentOf(now);
    const settled = `${now.status} ${paid.status}`;
    // A Pay that reaches the ledger after a Decline finds no seat, and is refunded.
    const outcomes = ["confirmed paid", "cancelled failed", "expired failed"];
    expect([...outcomes, "cancelled refund_pending", "cancelled refunded"]).toContain(settled);
    const seats = await eventOf(event.id);
    expect(seats.availableSeats).toBe(now.status === "confirmed" ? 48 : 50);
    expect(seats.bookedCount).toBe(now.status === "confirmed" ? 2 : 0);
    await formPost(
      `/sandbox/checkout/${sessionId}/${now.status === "confirmed" ? "decline" : "pay"}`,
    );
    const after = await bookingNow(booking.id, attendee.token);
    expect(after.status).toBe(now.status);
    // Only a pending refund may move on meanwhile, to refunded.
    const moved = paid.status === "refund_pending" && after.payment?.status === "refunded";
    expect(moved || after.payment?.status === paid.status).toBe(true);
  });
});

describe("GET /payments/return after the checkout", () => {
  it("says the booking is confirmed once paid, and stops refreshing", async () => {
    const { sessionId } = await paidBooking();
    await formPost(`/sandbox/checkout/${sessionId}/pay`);
    const html = await (await returnPage(sessionId)).text();
    expect(html).toContain("your booking is confirmed");
    expect(html).not.toContain("refresh");
  });

  it("says the booking was released after a decline", async () => {
    const { sessionId } = await paidBooking();
    await formPost(`/sandbox/checkout/${sessionId}/decline`);
    const html = await (await returnPage(sessionId)).text();
    expect(html).toContain("the booking was released");
  });
});
