import { describe, expect, it } from "vitest";
import { PLACEHOLDERS } from "../../src/notifications/templates/define";
import {
  LANGUAGE_PACKS,
  renderTemplate,
  resolveLanguage,
  sampleTemplateData,
} from "../../src/notifications/templates/render";
import { LANGUAGES, NOTIFICATION_TYPES, type TemplateData } from "../../src/notifications/types";

const data = (overrides: Partial<TemplateData> = {}): TemplateData => ({
  ...sampleTemplateData(),
  attendeeName: "Zoë Lambert",
  eventTitle: "Edge Summit",
  ...overrides,
});

const pieces = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : value && typeof value === "object"
      ? Object.values(value).flatMap(pieces)
      : [];

describe("every template", () => {
  for (const language of LANGUAGES) {
    for (const type of NOTIFICATION_TYPES) {
      it(`${type} in ${language} renders subject, text and html with the data`, () => {
        const message = renderTemplate(type, language, data({ waitlistPosition: 7 }));
        expect(message.language).toBe(language);
        expect(message.subject).toContain("Edge Summit");
        expect(message.text).toContain("Zoë Lambert");
        expect(message.text).toContain("Edge Summit");
        expect(message.html).toContain("Zoë Lambert");
        expect(message.html).toMatch(/^<!doctype html>/);
        expect(message.html).toContain(`<html lang="${language}">`);
        if (type === "booking.waitlisted") expect(message.text).toMatch(/\b7\b/);
        for (const part of [message.subject, message.text, message.html]) {
          expect(part).not.toMatch(/\{\{|\}\}/);
        }
      });
    }
  }

  it("uses only known placeholders, each spelled exactly", () => {
    const known = new Set<string>(PLACEHOLDERS);
    for (const pack of Object.values(LANGUAGE_PACKS)) {
      for (const piece of pieces(pack)) {
        const braces = piece.match(/\{\{|\}\}/g) ?? [];
        const names = [...piece.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1]);
        expect(braces.length, piece).toBe(names.length * 2);
        for (const name of names)
          expect(known.has(name ?? ""), `{{${name}}} in "${piece}"`).toBe(true);
      }
    }
  });

  it("exists for every type in every language", () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(LANGUAGE_PACKS[language].templates).sort()).toEqual(
        [...NOTIFICATION_TYPES].sort(),
      );
    }
  });
});

describe("HTML escaping", () => {
  const hostile = data({
    attendeeName: `<script>alert("x")</script>`,
    eventTitle: `Tom & Jerry's <b>show</b>`,
  });

  it("escapes & < > \" ' in the html part only", () => {
    const message = renderTemplate("booking.confirmed", "en", hostile);
    expect(message.html).not.toContain("<script>");
    expect(message.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(message.html).toContain("Tom &amp; Jerry&#39;s &lt;b&gt;show&lt;/b&gt;");
    expect(message.text).toContain(`<script>alert("x")</script>`);
    expect(message.subject).toBe("Your booking for Tom & Jerry's <b>show</b> is confirmed");
  });

  it("escapes the subject where the html repeats it", () => {
    const { html } = renderTemplate("event.cancelled", "fr", hostile);
    expect(html).toContain("<title>Annulation de l’événement Tom &amp; Jerry&#39;s");
  });

  it("keeps a subject on one line whatever the title holds", () => {
    const { subject } = renderTemplate("event.updated", "en", data({ eventTitle: "Two\r\nLines" }));
    expect(subject).toBe("Two Lines has changed");
  });
});

describe("resolveLanguage", () => {
  it("falls back from a region to its language, then to English", () => {
    expect(resolveLanguage("fr-CA")).toBe("fr");
    expect(resolveLanguage("DE-at")).toBe("de");
    expect(resolveLanguage("es_MX")).toBe("es");
    expect(resolveLanguage("pt-BR")).toBe("en");
    expect(resolveLanguage("")).toBe("en");
    expect(resolveLanguage("  ")).toBe("en");
    expect(resolveLanguage("not a locale!")).toBe("en");
  });

  it("is what renderTemplate reports", () => {
    expect(renderTemplate("booking.confirmed", "fr-CA", data()).language).toBe("fr");
    expect(renderTemplate("booking.confirmed", "pt-BR", data()).language).toBe("en");
    expect(renderTemplate("booking.confirmed", "", data()).subject).toMatch(/^Your booking/);
  });
});

describe("dates", () => {
  const startDate = "2030-05-01T10:00:00.000Z";
  const text = (locale: string, overrides: Partial<TemplateData> = {}) =>
    renderTemplate("event.reminder", locale, data({ startDate, ...overrides })).text;

  it("are written out in the attendee's language, in UTC, saying so", () => {
    expect(text("en")).toContain("Wednesday, May 1, 2030 at 10:00 AM UTC");
    expect(text("fr")).toContain("mercredi 1 mai 2030 à 10:00 UTC");
    expect(text("de")).toContain("Mittwoch, 1. Mai 2030 um 10:00 UTC");
    expect(text("es")).toContain("miércoles, 1 de mayo de 2030, 10:00 UTC");
  });

  it("keep a regional format when the language matches, not when it fell back", () => {
    expect(text("en-GB")).toMatch(/Wednesday,? 1 May 2030 at 10:00 UTC/);
    expect(text("pt-BR")).toContain("Wednesday, May 1, 2030 at 10:00 AM UTC");
  });

  it("use the attendee's time zone when one is known, and name it", () => {
    const zoned = { timeZone: "Europe/Paris" } as Partial<TemplateData>;
    expect(text("fr", zoned)).toContain("mercredi 1 mai 2030 à 12:00 UTC+2");
    expect(text("fr", { timeZone: "Mars/Olympus" } as Partial<TemplateData>)).toContain(
      "à 10:00 UTC",
    );
  });
});

describe("countries", () => {
  it("are named in the message's language", () => {
    const de = renderTemplate(
      "event.updated",
      "de",
      data({ country: "FR", countryName: "France" }),
    );
    expect(de.text).toContain("Land: Frankreich");
    const es = renderTemplate(
      "event.updated",
      "es",
      data({ country: "DE", countryName: "Germany" }),
    );
    expect(es.text).toContain("País: Alemania");
  });

  it("fall back to the given name for a code the runtime does not know", () => {
    const bad = renderTemplate("event.updated", "en", data({ country: "", countryName: "France" }));
    expect(bad.text).toContain("Country: France");
    const { text } = renderTemplate(
      "event.updated",
      "fr",
      data({ country: "AA", countryName: "Zed" }),
    );
    expect(text).toContain("Pays\u00a0: Zed");
  });
});

describe("sampleTemplateData", () => {
  it("is the preview's fixed sample", () => {
    const sample = sampleTemplateData();
    expect(sample).toMatchObject({ attendeeName: "John Doe", eventTitle: "Symfony Conference" });
    expect(sampleTemplateData()).toEqual(sample);
    const { subject } = renderTemplate("booking.confirmed", "fr", sample);
    expect(subject).toBe("Votre réservation pour Symfony Conference est confirmée");
  });
});
