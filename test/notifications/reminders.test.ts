import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as } from "../client";
import { createEvent, registerOrganizer } from "../helpers";

const DAY = 24 * 60 * 60 * 1000;
const ledger = (eventId: string) => env.EVENT_LEDGER.get(env.EVENT_LEDGER.idFromName(eventId));

const reminderState = (eventId: string) =>
  runInDurableObject(ledger(eventId), async (_, state) => ({
    row: state.storage.sql
      .exec<{ reminder_at: number | null; reminder_sent: number }>(
        "SELECT reminder_at, reminder_sent FROM event",
      )
      .one(),
    alarm: await state.storage.getAlarm(),
    reminders: state.storage.sql
      .exec("SELECT id FROM outbox WHERE type = 'event.reminder'")
      .toArray().length,
  }));

const iso = (ms: number) => new Date(ms).toISOString();

describe("event.reminder", () => {
  it("is scheduled 24 hours before the start as soon as the event exists", async () => {
    const org = await registerOrganizer();
    const start = Date.now() + 3 * DAY;
    const event = await createEvent(org.token, {
      startDate: iso(start),
      endDate: iso(start + 3_600_000),
    });
    const { row, alarm } = await reminderState(event.id);
    expect(row.reminder_at).toBe(start - DAY);
    expect(alarm).toBe(start - DAY);
  });

  it("moves with the start date", async () => {
    const org = await registerOrganizer();
    const start = Date.now() + 3 * DAY;
    const event = await createEvent(org.token, {
      startDate: iso(start),
      endDate: iso(start + 10 * DAY),
    });
    const later = start + 2 * DAY;
    const moved = await as(org.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { startDate: iso(later) },
    });
    expect(moved.status).toBe(200);
    expect((await reminderState(event.id)).row.reminder_at).toBe(later - DAY);
  });

  it("is not scheduled when the event starts within a day", async () => {
    const org = await registerOrganizer();
    const start = Date.now() + DAY / 2;
    const event = await createEvent(org.token, {
      startDate: iso(start),
      endDate: iso(start + 3_600_000),
    });
    expect((await reminderState(event.id)).row.reminder_at).toBeNull();
  });

  it("is announced once by the alarm when its time has come", async () => {
    const org = await registerOrganizer();
    const start = Date.now() + 3 * DAY;
    const event = await createEvent(org.token, {
      startDate: iso(start),
      endDate: iso(start + 3_600_000),
    });
    // Bring the reminder time to now instead of waiting two days.
    await runInDurableObject(ledger(event.id), (_, state) => {
      state.storage.sql.exec("UPDATE event SET reminder_at = ?", Date.now() - 1);
    });
    await runDurableObjectAlarm(ledger(event.id));
    await runDurableObjectAlarm(ledger(event.id));
    const { row, reminders } = await reminderState(event.id);
    expect(row.reminder_sent).toBe(1);
    expect(reminders).toBe(1);
  });
});
