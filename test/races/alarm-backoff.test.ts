import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, bookFor, expectInvariants, ledgerStub } from "./invariants";

/** How far ahead of now the ledger's alarm is set. */
const alarmDelay = (eventId: string) =>
  runInDurableObject(ledgerStub(eventId), async (_, state) => {
    const at = await state.storage.getAlarm();
    return at === null ? null : at - Date.now();
  });

const retryAfterFailure = async (eventId: string) => {
  await runDurableObjectAlarm(ledgerStub(eventId));
  return alarmDelay(eventId);
};

const expectAbout = (delay: number | null, ms: number) => {
  expect(delay).not.toBeNull();
  expect(delay).toBeGreaterThan(ms - 1_000);
  expect(delay).toBeLessThanOrEqual(ms);
};

describe("the ledger's alarm while D1 keeps failing", () => {
  it("backs off exponentially up to a cap, and starts over after a success", async () => {
    const org = await registerOrganizer();
    // Starts in a week: its reminder is far away and cannot mask the retry.
    const week = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const later = new Date(Date.now() + 8 * 86_400_000).toISOString();
    const event = await createEvent(org.token, { startDate: week, endDate: later, capacity: 5 });
    const [first, second] = await attendeesFor(2);

    await env.DB.exec("ALTER TABLE bookings RENAME TO bookings_offline");
    // The organizer books: D1 checked the attendee, so the ledger answers from itself.
    expect((await bookFor(event.id, org.token, first as any)).status).toBe(201);
    const delays: (number | null)[] = [];
    for (let i = 0; i < 10; i++) delays.push(await retryAfterFailure(event.id));
    const expected = [2, 4, 8, 16, 32, 64, 128, 256, 300, 300];
    for (const [i, seconds] of expected.entries()) expectAbout(delays[i] ?? null, seconds * 1_000);

    await env.DB.exec("ALTER TABLE bookings_offline RENAME TO bookings");
    await runDurableObjectAlarm(ledgerStub(event.id));
    await expectInvariants(event.id, 5);

    // A new outage starts from the shortest wait again.
    await env.DB.exec("ALTER TABLE bookings RENAME TO bookings_offline");
    expect((await bookFor(event.id, org.token, second as any)).status).toBe(201);
    expectAbout(await retryAfterFailure(event.id), 2_000);
    await env.DB.exec("ALTER TABLE bookings_offline RENAME TO bookings");
    await runDurableObjectAlarm(ledgerStub(event.id));
    await expectInvariants(event.id, 5);
  });
});
