import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LEDGER_MIGRATIONS } from "../../src/ledger/migrations";
import { anyone, as, bodyOf } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { undoAdmission } from "../ledger/undo-versions";
import { ledgerStub } from "../races/invariants";
import { order, registerAttendee, typesOf } from "./helpers";
import { expectCatalogInvariants } from "./invariants";

/** D1 as it was before ticket types, brought forward by the backfill of its migration 0011. */
const d1AsBefore = async (eventId: string) => {
  await env.DB.batch([
    env.DB.prepare("UPDATE events SET ticket_types = NULL WHERE id = ?").bind(eventId),
    env.DB.prepare("UPDATE bookings SET items = NULL WHERE event_id = ?").bind(eventId),
  ]);
  const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0011_"));
  const backfill = migration?.queries.filter((q) => q.includes("UPDATE")) ?? [];
  expect(backfill).toHaveLength(2);
  for (const query of backfill) await env.DB.prepare(query).run();
};

/** The ledger as it was before ticket types: version 7, one price, bookings without lines. */
const asVersion7 = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => {
    undoAdmission(state.storage.sql);
    state.storage.sql.exec(`DROP TABLE ticket_types; DROP TABLE promo_codes;
      ALTER TABLE bookings DROP COLUMN items; ALTER TABLE bookings DROP COLUMN promo_code_id;
      ALTER TABLE bookings DROP COLUMN promo_code;
      UPDATE ledger_version SET version = 7`);
  });

describe("the ledger's ticket types migration (version 8)", () => {
  it("turns the event's price into its first type and each booking into one line of it", async () => {
    expect(LEDGER_MIGRATIONS[7]).toContain("CREATE TABLE IF NOT EXISTS ticket_types");
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { capacity: 5, waitlistEnabled: true });
    const [a, b] = [await registerAttendee("a"), await registerAttendee("b")];
    await bodyOf(await order(event.id, a, { seats: 3 }), 201);
    const waiting = await bodyOf(await order(event.id, b, { seats: 3 }), 201);
    expect(waiting.status).toBe("waitlisted");
    await asVersion7(event.id);
    await d1AsBefore(event.id);
    await abortAllDurableObjects();

    // Waking the object migrates it; a change copies its types to D1.
    const c = await registerAttendee("c");
    const third = await bodyOf(await order(event.id, c, { seats: 1 }), 201);
    expect(third.status).toBe("waitlisted");
    const { rows, types } = await expectCatalogInvariants(event.id);
    expect(types).toEqual([{ id: "general", quota: null, confirmed: 3, held: 0, waitlisted: 4 }]);
    expect(JSON.parse(rows[0]?.items ?? "[]")).toEqual([
      {
        ticketTypeId: "general",
        name: "General admission",
        quantity: 3,
        unitPrice: 0,
        discount: 0,
        amount: 0,
      },
    ]);
    const [listed] = await typesOf(event.id);
    expect(listed).toMatchObject({ id: "general", name: "General admission", soldSeats: 3 });

    // The waitlist still moves on as before: both waiting bookings fit the freed seats.
    const first = rows[0]?.id ?? "";
    const cancelled = await as(a.token).api.bookings[":id"].$delete({ param: { id: first } });
    expect((await bodyOf(cancelled, 200)).promotions.map((p) => p.id)).toEqual([
      waiting.id,
      third.id,
    ]);
    await expectCatalogInvariants(event.id);
    const read = await bodyOf(
      await anyone.api.events[":id"].$get({ param: { id: event.id } }),
      200,
    );
    expect(read.ticketTypes.map((t) => t.id)).toEqual(["general"]);
  });
});
