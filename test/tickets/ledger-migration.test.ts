import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LEDGER_MIGRATIONS, ledgerVersion } from "../../src/ledger/migrations";
import { as, bodyOf } from "../client";
import { cancelBooking } from "../helpers";
import { undoAdmission } from "../ledger/undo-versions";
import { eventually } from "../notifications/helpers";
import { ledgerStub } from "../races/invariants";
import { confirmedBooking } from "./helpers";

/** A ledger as it was before ticket types (version 8), for a test that starts before them. */
const undoCatalog = (sql: SqlStorage) =>
  sql.exec(`DROP TABLE ticket_types; DROP TABLE promo_codes;
    ALTER TABLE bookings DROP COLUMN items; ALTER TABLE bookings DROP COLUMN promo_code_id;
    ALTER TABLE bookings DROP COLUMN promo_code`);

const copiedTickets = async (bookingId: string) =>
  (
    await env.DB.prepare("SELECT id, status FROM tickets WHERE booking_id = ? ORDER BY position")
      .bind(bookingId)
      .all<{ id: string; status: string }>()
  ).results;

describe("the ledger's tickets migration (version 7)", () => {
  it("gives bookings confirmed before it one general admission ticket per seat, copied to D1 unasked", async () => {
    const { event, attendee, booking } = await confirmedBooking(3);
    // A ledger and a D1 as they were before tickets: version 6, no tickets anywhere.
    await runInDurableObject(ledgerStub(event.id), (_, state) => {
      state.storage.sql.exec("DROP TABLE tickets");
      state.storage.sql.exec("DROP TABLE scans");
      undoAdmission(state.storage.sql);
      undoCatalog(state.storage.sql);
      state.storage.sql.exec("UPDATE ledger_version SET version = 6");
    });
    await env.DB.prepare("DELETE FROM tickets WHERE booking_id = ?").bind(booking.id).run();
    await abortAllDurableObjects();

    // Waking the object migrates it in its constructor; its alarm copies the tickets.
    await runInDurableObject(ledgerStub(event.id), () => {});
    const ids = [1, 2, 3].map((position) => `${booking.id}.${position}`);
    const copied = await eventually(
      () => copiedTickets(booking.id),
      (rows) => rows.length === 3,
    );
    expect(copied).toEqual(ids.map((id) => ({ id, status: "valid" })));
    expect(
      await runInDurableObject(ledgerStub(event.id), (_, state) =>
        ledgerVersion(state.storage.sql),
      ),
    ).toBe(LEDGER_MIGRATIONS.length);

    // They are tickets like any other: cancelling the booking revokes them.
    await cancelBooking(attendee.token, booking.id);
    const listed = await as(attendee.token).api.bookings[":id"].tickets.$get({
      param: { id: booking.id },
    });
    expect((await bodyOf(listed, 200)).data.map((t) => [t.id, t.status])).toEqual(
      ids.map((id) => [id, "revoked"]),
    );
  });

  it("replaces in D1 a seat's ticket that the ledger issued again under another id", async () => {
    const { event, attendee, booking } = await confirmedBooking(1);
    const before = await copiedTickets(booking.id);
    await runInDurableObject(ledgerStub(event.id), (_, state) => {
      state.storage.sql.exec("DROP TABLE tickets");
      state.storage.sql.exec("DROP TABLE scans");
      undoAdmission(state.storage.sql);
      undoCatalog(state.storage.sql);
      state.storage.sql.exec("UPDATE ledger_version SET version = 6");
    });
    await abortAllDurableObjects();
    await cancelBooking(attendee.token, booking.id);
    const after = await copiedTickets(booking.id);
    expect(before.map((t) => t.id)).not.toEqual([`${booking.id}.1`]);
    expect(after).toEqual([{ id: `${booking.id}.1`, status: "revoked" }]);
  });
});
