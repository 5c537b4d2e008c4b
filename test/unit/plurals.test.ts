import { describe, expect, it } from "vitest";
import {
  LANGUAGE_PACKS,
  renderTemplate,
  sampleTemplateData,
} from "../../src/notifications/templates/render";
import { LANGUAGES, type NotificationType, type TemplateData } from "../../src/notifications/types";

const data = (seats: number, paid = false): TemplateData => ({
  ...sampleTemplateData(paid),
  eventTitle: "Edge Summit",
  seats,
});

const SEAT_MESSAGES: NotificationType[] = [
  "booking.pending",
  "booking.confirmed",
  "booking.promoted",
  "booking.expired",
  "booking.refunded",
];

describe("messages about seats", () => {
  it("agree with the number of seats in every language, with no “(s)” or “/” forms", () => {
    for (const language of LANGUAGES) {
      for (const type of SEAT_MESSAGES) {
        for (const paid of [false, true]) {
          const one = renderTemplate(type, language, data(1, paid));
          const many = renderTemplate(type, language, data(3, paid));
          const label = `${type} ${paid ? "paid" : "free"} in ${language}`;
          expect(`${one.subject}\n${one.text}`, label).not.toMatch(/\(s\)|Platz\/|Plätze\//);
          expect(many.text, label).not.toBe(one.text);
          expect(many.text, label).toContain("3");
        }
      }
    }
  });

  const SAID: [NotificationType, string, number, "subject" | "text", string][] = [
    ["booking.confirmed", "en", 1, "text", "Your seat at Edge Summit is confirmed."],
    ["booking.confirmed", "en", 2, "text", "Your 2 seats at Edge Summit are confirmed."],
    ["booking.pending", "fr", 1, "subject", "Une place pour Edge Summit vous est réservée"],
    ["booking.pending", "fr", 2, "subject", "2 places pour Edge Summit vous sont réservées"],
    ["booking.pending", "de", 1, "subject", "Ein Platz für Edge Summit ist für Sie reserviert"],
    ["booking.pending", "de", 4, "subject", "4 Plätze für Edge Summit sind für Sie reserviert"],
    ["booking.pending", "es", 1, "subject", "Le reservamos una plaza para Edge Summit"],
    ["booking.pending", "es", 2, "subject", "Le reservamos 2 plazas para Edge Summit"],
  ];
  for (const [type, language, seats, part, said] of SAID) {
    it(`say “${said}” for ${seats} in ${language}`, () => {
      expect(renderTemplate(type, language, data(seats))[part]).toContain(said);
    });
  }

  it("declare one and other for every wording that varies", () => {
    const wordings = (value: unknown): unknown[] =>
      Array.isArray(value)
        ? value.flatMap(wordings)
        : value && typeof value === "object"
          ? "other" in value
            ? [value]
            : Object.values(value).flatMap(wordings)
          : [];
    for (const language of LANGUAGES) {
      for (const plural of wordings(LANGUAGE_PACKS[language].templates)) {
        expect(Object.keys(plural as object).sort(), language).toEqual(["one", "other"]);
      }
    }
  });
});
