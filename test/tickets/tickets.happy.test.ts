import { env } from "cloudflare:workers";
import ICAL from "ical.js";
import { compactVerify, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, raw } from "../client";
import { registerAttendee } from "../helpers";
import { confirmedBooking, publishedKeys, ticketsOf } from "./helpers";

type Caller = { id: string; token: string };

const book = async (who: Caller, eventId: string, seats: number, hold?: boolean) =>
  bodyOf(
    await as(who.token).api.bookings.$post({
      header: {},
      json: { eventId, attendeeId: who.id, seats, ...(hold ? { hold } : {}) },
    }),
    201,
  );

const cancel = async (token: string, id: string) =>
  bodyOf(await as(token).api.bookings[":id"].$delete({ param: { id } }), 200);

const revokedSince = async (token: string, eventId: string, since?: string) =>
  bodyOf(
    await as(token).api.events[":id"]["revoked-tickets"].$get({
      param: { id: eventId },
      query: since ? { since } : {},
    }),
    200,
  );

/** The calendar file as text: the answer is `text/calendar`, not JSON. */
const calendarOf = async (token: string, id: string) => {
  const res = await as(token).api.bookings[":id"]["calendar.ics"].$get({ param: { id } });
  expect(res.status).toBe(200);
  return { res, text: await res.text() };
};

describe("GET /api/bookings/{id}/tickets", () => {
  it("gives a confirmed booking one ticket per seat, to its attendee and its organizer alike", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(3);
    const tickets = await ticketsOf(booking.id, attendee.token);
    expect(tickets).toHaveLength(3);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(3);
    for (const ticket of tickets) {
      expect(ticket).toMatchObject({
        bookingId: booking.id,
        eventId: event.id,
        ticketTypeId: event.ticketTypes[0]?.id,
        ticketTypeName: "General admission",
        holderName: "Ada Lovelace",
        status: "valid",
        checkedInAt: null,
      });
    }
    // The organizer sees the same tickets, and a QR code reads the same on every read.
    expect(await ticketsOf(booking.id, organizer.token)).toEqual(tickets);
  });

  it("signs each QR code so that a standard library verifies it with the published JWK set alone", async () => {
    const { event, attendee, booking } = await confirmedBooking(2);
    const keys = await publishedKeys();
    for (const ticket of await ticketsOf(booking.id, attendee.token)) {
      const header = decodeProtectedHeader(ticket.qr);
      expect(header.alg).toBe("EdDSA");
      expect(header.kid).toBe("test-current");
      const { payload } = await compactVerify(ticket.qr, keys, { algorithms: ["EdDSA"] });
      const claims = JSON.parse(new TextDecoder().decode(payload));
      expect(Object.keys(claims).sort()).toEqual(["eid", "iat", "tid", "tt"]);
      expect(claims).toMatchObject({ tid: ticket.id, eid: event.id, tt: event.ticketTypes[0]?.id });
      expect(claims.iat).toBeGreaterThan(Date.now() / 1000 - 120);
      // A JWT library reads the same token: iat is a NumericDate.
      await jwtVerify(ticket.qr, keys, { algorithms: ["EdDSA"] });
    }
  });

  it("publishes the signing key and the retired one as Ed25519 public JWKs, without private parts", async () => {
    const set = await bodyOf(await anyone[".well-known"]["ticket-keys.json"].$get(), 200);
    expect(set.keys.map((k) => k.kid)).toEqual(["test-current", "test-retired"]);
    for (const key of set.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
      expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", use: "sig", alg: "EdDSA" });
    }
    expect(JSON.parse(env.TICKET_SIGNING_KEY ?? "{}").x).toBe(set.keys[0]?.x);
  });

  it("has no tickets while pending or waitlisted, and one per seat once confirmed", async () => {
    const { event } = await confirmedBooking(1, { capacity: 2, waitlistEnabled: true });
    const holder = await registerAttendee();
    const held = await book(holder, event.id, 1, true);
    expect(held.status).toBe("pending");
    expect(await ticketsOf(held.id, holder.token)).toEqual([]);
    const waiting = await registerAttendee();
    const queued = await book(waiting, event.id, 1);
    expect(queued.status).toBe("waitlisted");
    expect(await ticketsOf(queued.id, waiting.token)).toEqual([]);

    const confirm = as(holder.token).api.bookings[":id"].confirm.$post({ param: { id: held.id } });
    expect((await bodyOf(await confirm, 200)).status).toBe("confirmed");
    expect((await ticketsOf(held.id, holder.token)).map((t) => t.status)).toEqual(["valid"]);
  });

  it("gives a promoted booking its tickets and revokes those of the cancelled one", async () => {
    const { event, attendee, booking } = await confirmedBooking(2, {
      capacity: 2,
      waitlistEnabled: true,
    });
    const waiting = await registerAttendee();
    const queued = await book(waiting, event.id, 2);
    expect(queued.status).toBe("waitlisted");
    const cancelled = await cancel(attendee.token, booking.id);
    expect(cancelled.promoted?.id).toBe(queued.id);

    const revoked = await ticketsOf(booking.id, attendee.token);
    expect(revoked.map((t) => t.status)).toEqual(["revoked", "revoked"]);
    const promoted = await ticketsOf(queued.id, waiting.token);
    expect(promoted.map((t) => t.status)).toEqual(["valid", "valid"]);
  });
});

describe("GET /api/events/{id}/revoked-tickets", () => {
  it("lists revoked tickets oldest first, from `since` on", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(2);
    const other = await registerAttendee();
    const second = await book(other, event.id, 1);
    expect(await revokedSince(organizer.token, event.id)).toEqual({ data: [] });

    await cancel(attendee.token, booking.id);
    const first = await ticketsOf(booking.id, attendee.token);
    const all = await revokedSince(organizer.token, event.id);
    expect(all.data.map((r) => r.id).sort()).toEqual(first.map((t) => t.id).sort());
    const cutoff = all.data[0]?.revokedAt ?? "";
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cancel(other.token, second.id);
    const [late] = await ticketsOf(second.id, other.token);

    const since = new Date(Date.parse(cutoff) + 1).toISOString();
    const recent = await revokedSince(organizer.token, event.id, since);
    expect(recent.data).toEqual([{ id: late?.id, revokedAt: expect.any(String) }]);
    const inclusive = await revokedSince(organizer.token, event.id, cutoff);
    expect(inclusive.data).toHaveLength(3);
    // Not a date-time: only the untyped way in sends it.
    const bad = await raw("GET", `/api/events/${event.id}/revoked-tickets?since=yesterday`, {
      token: organizer.token,
    });
    expect(bad.status).toBe(422);
  });
});

describe("GET /api/bookings/{id}/calendar.ics", () => {
  it("is an RFC 5545 calendar a standard parser reads: one VEVENT, stable UID, UTC times", async () => {
    const title =
      "Symfony Conference; Paris, 2030 \\ a very long title that must be folded somewhere past seventy-five octets — été";
    const { organizer, attendee, booking } = await confirmedBooking(1, {
      title,
      description: "Line one\nLine two, with a comma",
      country: "FR",
      startDate: "2030-05-01T10:00:00+02:00",
      endDate: "2030-05-01T18:00:00+02:00",
    });
    const { res, text } = await calendarOf(attendee.token, booking.id);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(text.endsWith("\r\n")).toBe(true);
    for (const line of text.split("\r\n")) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    }
    expect(text.replaceAll("\r\n", "")).not.toMatch(/\n/);

    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    const vevent = new ICAL.Event(events[0]);
    expect(vevent.summary).toBe(title);
    expect(vevent.description).toBe("Line one\nLine two, with a comma");
    expect(vevent.location).toBe("France");
    expect(vevent.startDate.toJSDate().toISOString()).toBe("2030-05-01T08:00:00.000Z");
    expect(vevent.endDate.toJSDate().toISOString()).toBe("2030-05-01T16:00:00.000Z");
    expect(vevent.startDate.zone.tzid).toBe("UTC");
    expect(vevent.uid).toBe(`booking-${booking.id}@event-booking-api`);
    expect(events[0]?.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(String(events[0]?.getFirstPropertyValue("url"))).toContain(
      `/tickets/${booking.id}?key=`,
    );

    // The organizer's copy names the same entry, without the attendee's link.
    const theirs = (await calendarOf(organizer.token, booking.id)).text;
    const again = new ICAL.Event(
      new ICAL.Component(ICAL.parse(theirs)).getFirstSubcomponent("vevent") ?? undefined,
    );
    expect(again.uid).toBe(vevent.uid);
    expect(theirs).not.toContain("URL:");

    await cancel(attendee.token, booking.id);
    expect((await calendarOf(attendee.token, booking.id)).text).toContain("STATUS:CANCELLED");
  });
});
