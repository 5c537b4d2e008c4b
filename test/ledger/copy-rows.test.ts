import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TicketTypeRecord } from "../../src/domain/catalog";
import { copyStatements } from "../../src/ledger/d1-copy";
import type { LedgerBookingRow, LedgerEventRow } from "../../src/ledger/rows";
import { ticketCopyStatements } from "../../src/tickets/d1-copy";
import type { LedgerTicketRow } from "../../src/tickets/ledger-tickets";
import { as, bodyOf } from "../client";
import { rowCounter } from "../d1-rows";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { book, ledgerStub } from "../races/invariants";

/** The ledger's event, types and bookings, as its next copy would send them. */
const ledgerState = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => {
    const sql = state.storage.sql;
    return {
      event: sql.exec<LedgerEventRow>("SELECT * FROM event").one(),
      bookings: sql.exec<LedgerBookingRow>("SELECT * FROM bookings ORDER BY seq").toArray(),
      tickets: sql.exec<LedgerTicketRow>("SELECT * FROM tickets").toArray(),
    };
  });

const rowsWritten = async (statements: (db: D1Database) => D1PreparedStatement[]) => {
  const { db, counted } = rowCounter(env.DB);
  await db.batch(statements(db));
  return counted.written;
};

describe("the ledger's D1 copy of a booking", () => {
  it("assigns the event's indexed fields only when the event itself changed: one row, not seven", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    expect((await book(event.id, attendee)).status).toBe(201);
    const { event: row, bookings } = await ledgerState(event.id);
    // The copy writes the types as they are; which fields they carry does not change its rows.
    const types = event.ticketTypes.map((t) => ({ id: t.id }) as TicketTypeRecord);
    const counters = await rowsWritten((db) => copyStatements(db, row, types, [], [], false));
    const everything = await rowsWritten((db) => copyStatements(db, row, types, [], [], true));
    expect(counters).toBe(1);
    expect(everything).toBeGreaterThanOrEqual(7);
    // The booking's own row, with its index entries, is the rest of a copy.
    const booking = await rowsWritten((db) => copyStatements(db, row, types, bookings, [], false));
    expect(booking).toBeLessThanOrEqual(7);
  });

  it("writes a new confirmed booking as its row and three index entries, with no separate key", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    expect((await book(event.id, attendee)).status).toBe(201);
    const { event: row, bookings } = await ledgerState(event.id);
    const types = event.ticketTypes.map((t) => ({ id: t.id }) as TicketTypeRecord);
    // As D1 was before the copy: without the booking (nor, then, its tickets).
    await env.DB.prepare("DELETE FROM bookings WHERE event_id = ?").bind(event.id).run();
    const fresh = await rowsWritten((db) => copyStatements(db, row, types, bookings, [], false));
    // The event's counters (1), the booking (1), its indexes by event and attendee (active
    // bookings), by attendee and time, by event and time (3). The waitlist's index holds
    // waitlisted bookings alone.
    expect(fresh).toBe(5);
  });

  it("writes a waitlisted booking's place in line as one more index entry", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { capacity: 1, waitlistEnabled: true });
    const [first, second] = [await registerAttendee(), await registerAttendee()];
    expect((await book(event.id, first)).status).toBe(201);
    expect((await book(event.id, second)).body).toMatchObject({ status: "waitlisted" });
    const { event: row, bookings } = await ledgerState(event.id);
    const types = event.ticketTypes.map((t) => ({ id: t.id }) as TicketTypeRecord);
    const waitlisted = bookings.filter((b) => b.status === "waitlisted");
    await env.DB.prepare("DELETE FROM bookings WHERE status = 'waitlisted'").run();
    const fresh = await rowsWritten((db) => copyStatements(db, row, types, waitlisted, [], false));
    expect(fresh).toBe(6);
  });

  it("writes each seat's ticket as one row, keyed by its seat", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    const placed = await as(attendee.token).api.bookings.$post({
      json: { eventId: event.id, attendeeId: attendee.id, seats: 3 },
      header: {},
    });
    const booking = await bodyOf(placed, 201);
    const { tickets } = await ledgerState(event.id);
    expect(tickets).toHaveLength(3);
    await env.DB.prepare("DELETE FROM tickets WHERE booking_id = ?").bind(booking.id).run();
    const fresh = await rowsWritten((db) => ticketCopyStatements(db, event.id, tickets));
    expect(fresh).toBe(3);
    const copied = await env.DB.prepare(
      "SELECT id FROM tickets WHERE booking_id = ? ORDER BY position",
    )
      .bind(booking.id)
      .all<{ id: string }>();
    expect(copied.results.map((t) => t.id)).toEqual(tickets.map((t) => t.id));
  });
});
