import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LEDGER_MIGRATIONS, ledgerVersion, migrateLedger } from "../../src/ledger/migrations";
import { as, bodyIn, bodyOf } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, ledgerStub } from "../races/invariants";
import { expectSeatInvariants, order } from "../races/seat-invariants";

type V1Booking = {
  id: string;
  attendee_id: string;
  attendee_name: string;
  status: string;
  seq: number;
  created_at: string;
  updated_at: string;
};

/**
 * Rewrites the ledger as version 1 left it (bookings of one seat, no holds), with the
 * same bookings and counters, as a ledger deployed before seats and holds would be.
 */
const rewindToVersion1 = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => {
    const sql = state.storage.sql;
    const event = sql.exec<Record<string, SqlStorageValue>>("SELECT * FROM event").one();
    const bookings = sql
      .exec<V1Booking>(
        "SELECT id, attendee_id, attendee_name, status, seq, created_at, updated_at FROM bookings",
      )
      .toArray();
    sql.exec("DROP TABLE event; DROP TABLE bookings; DROP TABLE ledger_version");
    migrateLedger(state.storage, LEDGER_MIGRATIONS.slice(0, 1));
    const columns = [
      "id",
      "organizer_id",
      "title",
      "description",
      "country",
      "start_date",
      "end_date",
      "capacity",
      "waitlist_enabled",
      "status",
      "confirmed",
      "waitlisted",
      "next_seq",
      "reminder_at",
      "reminder_sent",
      "created_at",
      "updated_at",
    ];
    sql.exec(
      `INSERT INTO event (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      ...columns.map((column) => event[column] ?? null),
    );
    for (const b of bookings) {
      sql.exec(
        "INSERT INTO bookings VALUES (?, ?, ?, ?, ?, ?, ?)",
        b.id,
        b.attendee_id,
        b.attendee_name,
        b.status,
        b.seq,
        b.created_at,
        b.updated_at,
      );
    }
    return ledgerVersion(sql);
  });

describe("a ledger created before seats and holds", () => {
  it("upgrades in place: every booking keeps one seat, counters carry over, rules apply", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 2, waitlistEnabled: true });
    const [first, second, third, fourth] = await attendeesFor(4);
    if (!first || !second || !third || !fourth) throw new Error("attendees not registered");
    const booked = [];
    for (const buyer of [first, second, third]) {
      booked.push(bodyIn(await order(event.id, buyer, {}), 201));
    }
    expect(booked.map((b) => b.status)).toEqual(["confirmed", "confirmed", "waitlisted"]);

    expect(await rewindToVersion1(event.id)).toBe(1);
    await abortAllDurableObjects();

    // The restarted ledger migrates before serving: the waitlisted booking moves up.
    const cancelled = await as(first.token).api.bookings[":id"].$delete({
      param: { id: booked[0]?.id ?? "" },
    });
    expect((await bodyOf(cancelled, 200)).promoted).toMatchObject({ id: booked[2]?.id, seats: 1 });
    const version = await runInDurableObject(ledgerStub(event.id), (_, state) =>
      ledgerVersion(state.storage.sql),
    );
    expect(version).toBe(LEDGER_MIGRATIONS.length);
    const { rows, confirmed, held } = await expectSeatInvariants(event.id, 2);
    expect(rows.map((r) => r.seats)).toEqual([1, 1, 1]);
    expect([confirmed, held]).toEqual([2, 0]);

    const group = await order(event.id, fourth, { seats: 2, hold: true });
    expect(group.body).toMatchObject({ status: "waitlisted", seats: 2, waitlistPosition: 1 });
    await expectSeatInvariants(event.id, 2);
  });
});
