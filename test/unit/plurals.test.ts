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

  it("say one seat, or several, as each language does", () => {
    const free = (type: NotificationType, language: string, seats: number) =>
      renderTemplate(type, language, data(seats));
    expect(free("booking.confirmed", "en", 1).text).toContain(
      "Your seat at Edge Summit is confirmed.",
    );
    expect(free("booking.confirmed", "en", 2).text).toContain(
      "Your 2 seats at Edge Summit are confirmed.",
    );
    expect(free("booking.pending", "fr", 1).subject).toBe(
      "Une place pour Edge Summit vous est réservée",
    );
    expect(free("booking.pending", "fr", 2).subject).toBe(
      "2 places pour Edge Summit vous sont réservées",
    );
    expect(free("booking.pending", "de", 1).subject).toBe(
      "Ein Platz für Edge Summit ist für Sie reserviert",
    );
    expect(free("booking.pending", "de", 4).subject).toBe(
      "4 Plätze für Edge Summit sind für Sie reserviert",
    );
    expect(free("booking.pending", "es", 1).subject).toBe(
      "Le reservamos una plaza para Edge Summit",
    );
    expect(free("booking.pending", "es", 2).subject).toBe(
      "Le reservamos 2 plazas para Edge Summit",
    );
  });

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
