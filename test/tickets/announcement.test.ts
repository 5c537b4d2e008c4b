import { describe, expect, it } from "vitest";
import { renderTemplate, sampleTemplateData } from "../../src/notifications/templates";
import { raw } from "../client";
import { eventually, sentToStandIn } from "../notifications/helpers";
import { bookingOf } from "../payments/helpers";
import { confirmedBooking } from "./helpers";

describe("booking.confirmed links to the tickets", () => {
  it("emails the attendee the same signed link their booking read shows, and it opens the page", async () => {
    const { attendee, booking } = await confirmedBooking(2);
    const mails = await eventually(
      async () =>
        (await sentToStandIn("api.resend.com")).filter((r) => r.body.includes(attendee.email)),
      (found) => found.length > 0,
    );
    expect(mails).toHaveLength(1);
    const mail = JSON.parse(mails[0]?.body ?? "{}");
    const { ticketsUrl } = await bookingOf(booking.id, attendee.token);
    expect(mail.text).toContain(`Your tickets: ${ticketsUrl}`);
    expect(mail.html).toContain(`href="${ticketsUrl}"`);
    // Raw: the link is followed as a mail reader would, exactly as it reads.
    const { pathname, search } = new URL(ticketsUrl ?? "");
    expect((await raw("GET", `${pathname}${search}`)).status).toBe(200);
  });

  it("leaves the tickets line out of a message that carries no link", () => {
    const withLink = renderTemplate("booking.confirmed", "fr", sampleTemplateData());
    expect(withLink.text).toContain("Vos billets\u00a0: https://tickets.example.com/tickets/");
    const without = renderTemplate("booking.confirmed", "fr", {
      ...sampleTemplateData(),
      ticketsUrl: null,
    });
    expect(without.text).not.toContain("billets");
    expect(without.text).not.toMatch(/\n\n\n/);
    expect(without.html).not.toContain("{{");
  });
});
