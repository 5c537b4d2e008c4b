import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarOf, escapeText, foldLine } from "../../src/tickets/calendar";
import { decideScan, decisionOrder } from "../../src/tickets/check-in";
import { GENERAL_ADMISSION, ticketLinesOf } from "../../src/tickets/lines";
import { ticketsPage } from "../../src/tickets/page";

const octets = (line: string) => new TextEncoder().encode(line).length;

describe("ticketLinesOf", () => {
  it("makes one general admission line for all seats of a booking without items", () => {
    expect(ticketLinesOf({ seats: 3 })).toEqual([{ ...GENERAL_ADMISSION, quantity: 3 }]);
  });

  it("keeps a booking's items, in order, when it has them", () => {
    const items = [
      { ticketTypeId: "vip", name: "VIP", quantity: 1, unitPrice: 9000 },
      { ticketTypeId: "std", name: "Standard", quantity: 2, unitPrice: 2000 },
    ];
    expect(ticketLinesOf({ seats: 3, items })).toEqual([
      { ticketTypeId: "vip", name: "VIP", quantity: 1 },
      { ticketTypeId: "std", name: "Standard", quantity: 2 },
    ]);
  });
});

describe("decideScan", () => {
  it("checks a valid ticket in at the scan's time, and no other", () => {
    expect(decideScan({ status: "valid", checkedInAt: null }, "2030-05-01T09:00:00.000Z")).toEqual({
      result: "ok",
      checkedInAt: "2030-05-01T09:00:00.000Z",
    });
    const checked = { status: "checked_in" as const, checkedInAt: "2030-05-01T09:00:00.000Z" };
    expect(decideScan(checked, "2030-05-01T09:30:00.000Z")).toEqual({
      result: "already_checked_in",
      checkedInAt: "2030-05-01T09:00:00.000Z",
      moved: false,
    });
    expect(decideScan(checked, "2030-05-01T08:55:00.000Z")).toEqual({
      result: "already_checked_in",
      checkedInAt: "2030-05-01T08:55:00.000Z",
      moved: true,
    });
    expect(
      decideScan({ status: "revoked", checkedInAt: null }, "2030-05-01T09:00:00.000Z"),
    ).toEqual({ result: "revoked", checkedInAt: null });
  });

  it("orders a batch by scannedAt, then as sent", () => {
    const at = ["09:10", "09:00", "09:05", "09:00"].map((t) => ({
      scannedAt: `2030-05-01T${t}:00.000Z`,
    }));
    expect(decisionOrder(at)).toEqual([1, 3, 2, 0]);
  });
});

describe("the iCalendar writer", () => {
  it("escapes backslashes, semicolons, commas and line breaks", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds any line into lines of at most 75 octets that unfold to it, never inside a character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const folded = foldLine(`SUMMARY:${text}`);
        const lines = folded.split("\r\n");
        for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
        expect(lines.slice(1).every((line) => line.startsWith(" "))).toBe(true);
        expect(folded.replaceAll("\r\n ", "")).toBe(`SUMMARY:${text}`);
      }),
    );
  });

  it("writes a calendar that ical.js reads back field for field", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 200 }), (summary) => {
        const text = calendarOf({
          uid: "booking-1@event-booking-api",
          stamp: "2030-04-01T00:00:00.000Z",
          start: "2030-05-01T10:00:00.000Z",
          end: "2030-05-01T18:00:00.000Z",
          summary,
          description: null,
          location: "Côte d’Ivoire",
          status: "CONFIRMED",
          url: null,
        });
        const event = new ICAL.Event(
          new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent") ?? undefined,
        );
        expect(event.summary).toBe(summary.replace(/\r\n|\r/g, "\n"));
        expect(event.location).toBe("Côte d’Ivoire");
      }),
      { numRuns: 50 },
    );
  });
});

describe("the tickets page", () => {
  const event = {
    title: "Gala",
    startDate: "2030-05-01T10:00:00.000Z",
    endDate: "2030-05-01T18:00:00.000Z",
    country: "FR",
  };
  const ticket = (status: "valid" | "checked_in" | "revoked") => ({
    id: "t1",
    ticketTypeName: "General admission",
    holderName: "Zoë",
    status,
    checkedInAt: status === "checked_in" ? "2030-05-01T09:30:00.000Z" : null,
    svg: "<svg></svg>",
  });
  const render = (locale: string, status = "confirmed", tickets = [ticket("valid")]) =>
    ticketsPage({ event, locale, bookingStatus: status, tickets, nonce: "n" });

  it("speaks the attendee's language: words, dates and the country's name", () => {
    const fr = render("fr-FR", "confirmed", [ticket("valid"), ticket("checked_in")]);
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain("mercredi 1 mai 2030");
    expect(fr).toContain("· France</p>");
    expect(fr).toContain("Valide\u00a0: présentez ce code à l’entrée");
    expect(fr).toContain("Entrée enregistrée le mercredi 1 mai 2030");
    expect(fr).toContain('aria-label="Billet 2 sur 2"');
    const de = render("de", "confirmed", [ticket("revoked")]);
    expect(de).toContain("Frankreich");
    expect(de).toContain("Storniert: Dieses Ticket berechtigt nicht mehr zum Eintritt");
    expect(render("es", "waitlisted", [])).toContain("Esta reserva está en la lista de espera");
  });

  it("speaks English to a locale it does not know", () => {
    const html = render("pt-BR", "pending", []);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("This booking is not confirmed yet");
  });
});
