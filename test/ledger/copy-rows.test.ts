import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TicketTypeRecord } from "../../src/domain/catalog";
import { copyStatements } from "../../src/ledger/d1-copy";
import type { LedgerBookingRow, LedgerEventRow } from "../../src/ledger/rows";
import { rowCounter } from "../d1-rows";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { book, ledgerStub } from "../races/invariants";

/** The ledger's event, types and bookings, as its next copy would send them. */
const ledgerState = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => {
    const sql = state.storage.sql;
    return {
      event: sql.exec<LedgerEventRow>("SELECT * FROM event").one(),
      bookings: sql.exec<LedgerBookingRow>("SELECT * FROM bookings").toArray(),
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

  it("writes a new booking as its row and its four index entries, with no separate key", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    expect((await book(event.id, attendee)).status).toBe(201);
    const { event: row, bookings } = await ledgerState(event.id);
    const types = event.ticketTypes.map((t) => ({ id: t.id }) as TicketTypeRecord);
    // As D1 was before the copy: without the booking (nor, then, its tickets).
    await env.DB.prepare("DELETE FROM bookings WHERE event_id = ?").bind(event.id).run();
    const fresh = await rowsWritten((db) => copyStatements(db, row, types, bookings, [], false));
    // The event's counters (1), the booking (1), its indexes by event and attendee, by
    // attendee and time, by event and time, by event, status and place in line (4).
    expect(fresh).toBe(6);
  });
});
