import { runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { COPY_LINGER_MS } from "../../src/ledger/outbox";
import { createEvent, registerAttendees, registerOrganizer } from "../helpers";
import { book, d1Rows, ledgerStub } from "../races/invariants";
import { sleep, wrapLedgerBatches } from "./ledger-d1";

/** How long the watched ledger's next D1 copy is held: bookings sent meanwhile queue behind it. */
const HELD_MS = 200;

type Copy = { startedAt: number; endedAt: number };

/** Records each D1 batch the event's ledger sends, holding the first one `HELD_MS`. */
const watchCopies = async (eventId: string) => {
  const copies: Copy[] = [];
  await wrapLedgerBatches(eventId, (batch) => async (statements) => {
    if (copies.length === 0) await sleep(HELD_MS);
    const startedAt = Date.now();
    const results = await batch(statements);
    copies.push({ startedAt, endedAt: Date.now() });
    return results;
  });
  return copies;
};

const busyAfterLastCopy = (eventId: string) =>
  runInDurableObject(
    ledgerStub(eventId),
    (instance) => (instance as unknown as { outbox: { busy: boolean } }).outbox.busy,
  );

it("makes the copy after one that landed with bookings waiting wait a moment for more, and a lone booking's not", async () => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token);
  const [first, second, third, fourth, fifth] = await registerAttendees("A", "B", "C", "D", "E");
  // The ledger is awake and quiet: its only copy landed with nothing waiting.
  expect((await book(event.id, first)).status).toBe(201);
  expect(await busyAfterLastCopy(event.id)).toBe(false);

  const copies = await watchCopies(event.id);
  const held = book(event.id, second);
  await sleep(HELD_MS / 4);
  // Both decided while the second booking's copy is held: they wait for the next copy.
  const queued = [book(event.id, third), book(event.id, fourth)];
  expect((await held).status).toBe(201);
  expect((await Promise.all(queued)).map((r) => r.status)).toEqual([201, 201]);

  // The held copy carried the second booking alone; the next one both others, after waiting.
  expect(copies).toHaveLength(2);
  const [heldCopy, next] = copies as [Copy, Copy];
  expect(next.startedAt - heldCopy.endedAt).toBeGreaterThanOrEqual(COPY_LINGER_MS);
  expect(await busyAfterLastCopy(event.id)).toBe(false);

  // A lone booking after that goes out at once, and every booking is in D1.
  expect((await book(event.id, fifth)).status).toBe(201);
  expect(copies).toHaveLength(3);
  expect(await busyAfterLastCopy(event.id)).toBe(false);
  const inD1 = (await d1Rows(event.id)).map((row) => row.attendee_id).sort();
  expect(inD1).toEqual([first, second, third, fourth, fifth].map((a) => a.id).sort());
});
