import { describe, expect, it } from "vitest";
import type { Checkout } from "../../src/db/checkouts";
import { LANGUAGES } from "../../src/domain/languages";
import { checkoutPage } from "../../src/payments/checkout-page";
import { CHECKOUT_WORDS } from "../../src/payments/checkout-words";

const NOW = Date.parse("2030-04-30T10:00:00.000Z");
const checkout = (overrides: Partial<Checkout> = {}): Checkout => ({
  bookingId: "b1",
  eventId: "e1",
  status: "pending",
  seats: 2,
  items: null,
  expiresAt: "2030-04-30T10:30:00.000Z",
  amount: 5000,
  currency: "EUR",
  paymentStatus: "requires_payment",
  eventTitle: "Spring Gala",
  startDate: "2030-05-01T10:00:00.000Z",
  attendeeName: "Zoë Lambert",
  locale: "en",
  ...overrides,
});
const render = (c: Partial<Checkout>, mode: "sandbox" | "return" = "sandbox") =>
  checkoutPage({ checkout: checkout(c), sessionId: "cs_sandbox_1", mode, now: NOW, nonce: "abc" });

describe("checkoutPage", () => {
  it("lists each ticket type with its seats and its price after the discount", () => {
    const items = [
      {
        ticketTypeId: "t1",
        name: "Early <bird>",
        quantity: 1,
        unitPrice: 2000,
        discount: 500,
        amount: 1500,
      },
      { ticketTypeId: "t2", name: "VIP", quantity: 2, unitPrice: 1750, discount: 0, amount: 3500 },
    ];
    const html = render({ items, seats: 3 });
    expect(html).toContain('<dt>Early &lt;bird&gt;</dt><dd class="line">1 × €15.00</dd>');
    expect(html).toContain('<dt>VIP</dt><dd class="line">2 × €17.50</dd>');
  });

  it("offers Pay and Decline only while the hold awaits its payment", () => {
    const html = render({});
    expect(html).toContain('action="/sandbox/checkout/cs_sandbox_1/pay"');
    expect(html).toContain("€50.00");
    expect(html).toContain("Wednesday, May 1, 2030 at 10:00 AM UTC");
    expect(html).toContain("(30 min left)");
  });

  const outcomes: [Partial<Checkout>, string][] = [
    [{ status: "confirmed", paymentStatus: "paid" }, "your booking is confirmed"],
    [{ status: "cancelled", paymentStatus: "failed" }, "The payment was declined"],
    [{ status: "expired", paymentStatus: "failed" }, "The hold expired"],
    [{ expiresAt: "2030-04-30T09:59:59.000Z" }, "The hold expired"],
    [{ status: "cancelled", paymentStatus: "refunded" }, "The payment was refunded"],
    [{ status: "cancelled", paymentStatus: "requires_payment" }, "This booking was cancelled"],
  ];
  for (const [state, says] of outcomes) {
    it(`says "${says}" without buttons for ${JSON.stringify(state)}`, () => {
      const html = render(state);
      expect(html).toContain(says);
      expect(html).not.toContain("<form");
      expect(html).not.toContain("min left");
    });
  }

  it("formats the amount and date in the attendee's locale, and survives a bad one", () => {
    expect(render({ locale: "de-DE", currency: "JPY", amount: 5000 })).toContain("5.000\u00a0¥");
    expect(render({ locale: "de-DE" })).toContain("Mittwoch, 1. Mai 2030");
    expect(render({ locale: "not a locale!" })).toContain("€50.00");
  });

  it("speaks the attendee's language, and English to anyone else", () => {
    for (const language of LANGUAGES) {
      const words = CHECKOUT_WORDS[language];
      const html = render({ locale: `${language}-XX` });
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(`>${words.pay}</button>`);
      expect(html).toContain(`<dt>${words.amount}</dt>`);
      expect(html).toContain(words.awaiting.sandbox);
      const paid = render({ locale: language, status: "confirmed", paymentStatus: "paid" });
      expect(paid).toContain(words.outcomes.paid);
      if (language !== "en") expect(paid).not.toContain(CHECKOUT_WORDS.en.outcomes.paid);
    }
    expect(render({ locale: "pt-BR" })).toContain('<html lang="en">');
  });

  it("on return, reports without a sandbox banner or buttons", () => {
    const html = render({}, "return");
    expect(html).not.toContain("Sandbox");
    expect(html).not.toContain("<form");
    expect(html).toContain('http-equiv="refresh"');
  });
});
