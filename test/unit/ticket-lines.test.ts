import { describe, expect, it } from "vitest";
import { renderTemplate, sampleTemplateData } from "../../src/notifications/templates/render";

const items = [
  { name: "Early <bird>", quantity: 2 },
  { name: "VIP", quantity: 1 },
];

describe("a message of a booking of several ticket types", () => {
  it("names each type and its quantity, in the attendee's language and number format", () => {
    const data = { ...sampleTemplateData(), seats: 3, items };
    const en = renderTemplate("booking.confirmed", "en", data);
    expect(en.text).toContain("Tickets: 2 × Early <bird>, 1 × VIP");
    expect(en.html).toContain("Tickets: 2 × Early &lt;bird&gt;, 1 × VIP");
    expect(renderTemplate("booking.confirmed", "fr", data).text).toContain(
      "Billets\u00a0: 2 × Early <bird>, 1 × VIP",
    );
    expect(renderTemplate("booking.pending", "de", data).text).toContain("Tickets: 2 × Early");
    expect(renderTemplate("booking.waitlisted", "es", data).text).toContain("Entradas: 2 × Early");
  });

  it("says nothing of general admission alone, nor of a message without lines", () => {
    const general = {
      ...sampleTemplateData(),
      items: [{ name: "General admission", quantity: 2 }],
    };
    expect(renderTemplate("booking.confirmed", "en", general).text).not.toContain("Tickets:");
    expect(renderTemplate("booking.confirmed", "en", sampleTemplateData()).text).not.toContain(
      "Tickets:",
    );
  });
});
