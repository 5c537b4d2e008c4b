import { describe, expect, it } from "vitest";
import { summarize } from "../../src/notifications/plans";
import { PAID_VARIANT_TYPES, PAYMENT_PLACEHOLDERS } from "../../src/notifications/templates/define";
import {
  LANGUAGE_PACKS,
  renderTemplate,
  SAMPLE_PAYMENT,
  sampleTemplateData,
} from "../../src/notifications/templates/render";
import { LANGUAGES, NOTIFICATION_TYPES, type TemplateData } from "../../src/notifications/types";

const URL = "https://checkout.stripe.com/c/pay/cs_test_a1b2c3";
const paid = (overrides: Partial<TemplateData> = {}): TemplateData => ({
  ...sampleTemplateData(true),
  eventTitle: "Edge Summit",
  seats: 2,
  amount: 10000,
  currency: "EUR",
  checkoutUrl: URL,
  ...overrides,
});
const free = (): TemplateData => ({ ...sampleTemplateData(), eventTitle: "Edge Summit" });
const AWAITING = ["booking.pending", "booking.promoted"] as const;

describe("paid variants", () => {
  it("exist for the same types in every language, and name payment values only there", () => {
    for (const language of LANGUAGES) {
      const { templates } = LANGUAGE_PACKS[language];
      for (const type of NOTIFICATION_TYPES) {
        const template = templates[type];
        // Every wording, in every plural form, of the plain variant.
        const { paid: _, ...plainVariant } = template as typeof template & { paid?: unknown };
        const plain = JSON.stringify(plainVariant);
        for (const name of PAYMENT_PLACEHOLDERS) expect(plain).not.toContain(`{{${name}}}`);
        expect("paid" in template, `${language} ${type}`).toBe(
          (PAID_VARIANT_TYPES as readonly string[]).includes(type),
        );
      }
    }
  });

  for (const language of LANGUAGES) {
    for (const type of AWAITING) {
      it(`${type} in ${language} asks for the amount before the hold ends, with the link`, () => {
        const message = renderTemplate(type, language, paid());
        const plainText = renderTemplate(type, language, free()).text;
        expect(message.text).not.toBe(plainText);
        expect(message.text).toContain(`: ${URL}`);
        expect(message.text).toMatch(/100[.,]00/);
        expect(message.text).toMatch(/2030/);
        expect(message.html).toContain(`<a href="${URL}">${URL}</a>`);
        expect(message.text).not.toMatch(/confirmed|confirmée|bestätigt\.|confirmadas?\./);
      });
    }
    it(`booking.refunded in ${language} names the amount refunded`, () => {
      const message = renderTemplate("booking.refunded", language, paid({ checkoutUrl: null }));
      expect(message.subject).toMatch(/100[.,]00/);
      expect(message.text).toMatch(/100[.,]00/);
    });
    it(`booking.confirmed in ${language} says the payment arrived`, () => {
      const message = renderTemplate("booking.confirmed", language, paid({ checkoutUrl: null }));
      expect(message.text).toMatch(/100[.,]00/);
      // The link is to the tickets now, never to a checkout.
      expect(message.text).not.toContain(URL);
    });
  }

  it("writes the amount as each language does", () => {
    const text = (locale: string) =>
      renderTemplate("booking.pending", locale, paid({ amount: 5000 })).text;
    expect(text("en")).toContain("pay €50.00 before");
    expect(text("fr")).toContain("réglez 50,00\u00a0€ avant");
    expect(text("de")).toContain("zahlen Sie 50,00\u00a0€ bis");
    expect(text("es")).toContain("pague 50,00\u00a0€ antes");
    const yen = renderTemplate("booking.refunded", "en", paid({ amount: 5000, currency: "JPY" }));
    expect(yen.text).toContain("¥5,000");
  });

  it("keeps the plain wording when a hold has no link yet, or the booking is free", () => {
    const noLink = renderTemplate("booking.pending", "en", paid({ checkoutUrl: null }));
    expect(noLink.text).toBe(renderTemplate("booking.pending", "en", free()).text);
    const promoted = renderTemplate("booking.promoted", "en", free()).text;
    expect(promoted).toContain("moved from the waitlist to confirmed");
    expect(promoted).not.toContain("€");
  });

  it("escapes a hostile link and makes only a web address a link", () => {
    const hostile = `https://pay.test/?a="><script>x</script>&b=1`;
    const { html, text } = renderTemplate("booking.pending", "en", paid({ checkoutUrl: hostile }));
    expect(text).toContain(hostile);
    expect(html).not.toContain("<script>");
    const escaped = "https://pay.test/?a=&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;b=1";
    expect(html).toContain(`<a href="${escaped}">${escaped}</a>`);
    const script = renderTemplate(
      "booking.pending",
      "en",
      paid({ checkoutUrl: "javascript:alert(1)" }),
    );
    expect(script.html).not.toContain("<a ");
    expect(script.html).toContain("To pay: javascript:alert(1)");
  });

  it("escapes a hostile title beside the amount", () => {
    const { html } = renderTemplate(
      "booking.refunded",
      "en",
      paid({ eventTitle: "<img onerror=x>" }),
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img onerror=x&gt;");
    expect(html).toContain("<strong>€100.00</strong>");
  });

  it("gives push and socket frames a short body with the amount and no cut-off link", () => {
    for (const language of LANGUAGES) {
      for (const type of AWAITING) {
        const long = paid({
          eventTitle: "A".repeat(150),
          checkoutUrl: `${URL}#${"x".repeat(300)}`,
        });
        const body = summarize(renderTemplate(type, language, long).text);
        expect(body.length).toBeLessThanOrEqual(178);
        expect(body).not.toContain("http");
        const short = summarize(renderTemplate(type, language, paid()).text);
        expect(short, `${language} ${type}`).toMatch(/100[.,]00/);
        expect(short).not.toMatch(/…$/);
      }
    }
  });

  it("previews with a fixed payment", () => {
    expect(sampleTemplateData(true)).toMatchObject(SAMPLE_PAYMENT);
    expect(sampleTemplateData()).not.toHaveProperty("amount");
  });
});
