import { describe, expect, it } from "vitest";
import { registerAttendeeIn } from "../checkout/helpers";
import { as, bodyOf } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { consume, domainEvent, emailsFor, eventually } from "./helpers";

const CHECKOUT = "https://checkout.stripe.com/c/pay/cs_test_paid_messages";

const paidBookingEvent = async (
  type: "booking.pending" | "booking.refunded",
  payment: { status: string; checkoutUrl: string | null },
  refund?: { amount: number; currency: string; refundId?: string },
) => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token, { title: "Gala des paiements" });
  const attendee = await registerAttendeeIn("fr", "Jean Dupont");
  const now = new Date().toISOString();
  const booking = {
    id: crypto.randomUUID(),
    eventId: event.id,
    attendeeId: attendee.id,
    seats: 2,
    status: type === "booking.pending" ? "pending" : "cancelled",
    waitlistPosition: null,
    expiresAt: "2030-04-30T10:30:00.000Z",
    payment: { amount: 9000, currency: "EUR", ...payment },
    event: { id: event.id, title: event.title },
    attendee: { id: attendee.id, name: attendee.name },
    createdAt: now,
    updatedAt: now,
  };
  const refundData = refund ? { refund: { paymentIntentId: "pi_1", ...refund } } : {};
  const message = domainEvent({
    type,
    eventId: event.id,
    attendeeId: attendee.id,
    bookingId: booking.id,
    data: { booking, ...refundData },
  } as Parameters<typeof domainEvent>[0]);
  await consume([message]);
  // A notice an older ledger queued before its refund is sent once the workflow refunded.
  const [email] = await eventually(
    () => emailsFor(message.id),
    (sent) => sent.length > 0,
  );
  const listed = await as(attendee.token).api.notifications.$get({ query: {} });
  const notification = (await bodyOf(listed, 200)).data.find((n) => n.type === type);
  if (!notification) expect.fail(`no ${type} notification is listed`);
  return { mail: JSON.parse(email?.body ?? "{}"), notification };
};

describe("messages of a paid booking", () => {
  it("ask for the amount with the checkout link, and keep the short body link-free", async () => {
    const { mail, notification } = await paidBookingEvent("booking.pending", {
      status: "requires_payment",
      checkoutUrl: CHECKOUT,
    });
    expect(mail.text).toContain("réglez 90,00\u00a0€ avant le mardi 30 avril 2030");
    expect(mail.text).toContain(`Pour payer\u00a0: ${CHECKOUT}`);
    expect(mail.html).toContain(`<a href="${CHECKOUT}">${CHECKOUT}</a>`);
    expect(notification.title).toBe(
      "Réglez 90,00 € pour confirmer vos 2 places pour Gala des paiements",
    );
    expect(notification.body).toContain("réglez 90,00 € avant");
    expect(notification.body).not.toContain("http");
  });

  it("name the amount actually refunded", async () => {
    const { mail, notification } = await paidBookingEvent(
      "booking.refunded",
      { status: "refunded", checkoutUrl: null },
      { amount: 4500, currency: "EUR", refundId: "re_1" },
    );
    expect(mail.text).toContain("Nous vous avons remboursé 45,00\u00a0€ pour vos 2 places");
    expect(notification.title).toBe("Remboursement de 45,00 € pour Gala des paiements");
  });

  it("of an older ledger still refund before they tell, through the refund workflow", async () => {
    const { mail, notification } = await paidBookingEvent(
      "booking.refunded",
      { status: "refunded", checkoutUrl: null },
      { amount: 4500, currency: "EUR" },
    );
    expect(mail.text).toContain("Nous vous avons remboursé 45,00\u00a0€ pour vos 2 places");
    expect(notification.title).toBe("Remboursement de 45,00 € pour Gala des paiements");
  });
});
