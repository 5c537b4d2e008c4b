import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LEDGER_MIGRATIONS, ledgerVersion, migrateLedger } from "../../src/ledger/migrations";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, expectInvariants, ledgerRows, ledgerStub } from "../races/invariants";

/** Columns that versions after the first added to the `event` table. */
const LATER_EVENT_COLUMNS = [
  "sales_start_at",
  "sales_end_at",
  "sales_opened_sent",
  "published_sent",
];

const versionOf = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) => ledgerVersion(state.storage.sql));

const bookedEvent = async () => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token, { capacity: 2, waitlistEnabled: true });
  const [first, second, third] = await attendeesFor(3);
  for (const buyer of [first, second])
    expect((await book(event.id, buyer as any)).status).toBe(201);
  return { event, third: third as { id: string; token: string } };
};

describe("the ledger's versioned migrations", () => {
  it("bring a ledger from before versions to the latest, keeping its bookings", async () => {
    const { event, third } = await bookedEvent();
    const before = await ledgerRows(event.id);
    // A ledger created before versions were counted has version 1's tables and no version.
    await runInDurableObject(ledgerStub(event.id), (_, state) => {
      state.storage.sql.exec("DROP TABLE ledger_version");
      for (const column of LATER_EVENT_COLUMNS) {
        state.storage.sql.exec(`ALTER TABLE event DROP COLUMN ${column}`);
      }
    });
    expect(await versionOf(event.id)).toBe(0);
    await abortAllDurableObjects();

    // The restarted object migrates in its constructor, before serving anyone.
    const waitlisted = await book(event.id, third);
    expect(waitlisted.status).toBe(201);
    expect(waitlisted.body.status).toBe("waitlisted");
    expect(await versionOf(event.id)).toBe(LEDGER_MIGRATIONS.length);
    const after = await ledgerRows(event.id);
    expect(after.slice(0, before.length)).toEqual(before);
    await expectInvariants(event.id, 2);
  });

  it("run each new step once on an existing ledger: a new column reaches it, rows stay", async () => {
    const { event } = await bookedEvent();
    const next = [
      ...LEDGER_MIGRATIONS,
      "ALTER TABLE bookings ADD COLUMN note TEXT NOT NULL DEFAULT 'none'",
    ];
    const upgraded = await runInDurableObject(ledgerStub(event.id), (_, state) => {
      migrateLedger(state.storage, next);
      migrateLedger(state.storage, next);
      return {
        version: ledgerVersion(state.storage.sql),
        notes: state.storage.sql.exec<{ note: string }>("SELECT note FROM bookings").toArray(),
      };
    });
    expect(upgraded.version).toBe(LEDGER_MIGRATIONS.length + 1);
    expect(upgraded.notes).toEqual([{ note: "none" }, { note: "none" }]);
  });

  it("leave a ledger already at the latest version untouched", async () => {
    const { event } = await bookedEvent();
    const before = await ledgerRows(event.id);
    await runInDurableObject(ledgerStub(event.id), (_, state) => migrateLedger(state.storage));
    expect(await versionOf(event.id)).toBe(LEDGER_MIGRATIONS.length);
    expect(await ledgerRows(event.id)).toEqual(before);
  });
});
