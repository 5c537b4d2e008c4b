import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createEvent, registerOrganizer } from "../helpers";
import { seedBookedAudience } from "./audience-helpers";
import { eventually } from "./helpers";

const updatedCount = async (eventId: string) =>
  (
    await env.DB.prepare(
      `SELECT count(DISTINCT attendee_id) AS n FROM notifications
       WHERE event_id = ? AND type = 'event.updated'`,
    )
      .bind(eventId)
      .first<{ n: number }>()
  )?.n ?? 0;

describe("an event-wide change to 5,000 attendees, end to end", () => {
  it("reaches every confirmed attendee through the real queue", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 5_000, country: "FR" });
    const ids = await seedBookedAudience(event.id, 5_000);
    const changed = await api("PATCH", `/api/events/${event.id}`, {
      token: org.token,
      body: { country: "DE" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.country).toBe("DE");
    const reached = await eventually(
      () => updatedCount(event.id),
      (n) => n === ids.length,
      240_000,
    );
    expect(reached).toBe(5_000);
    const sample = await env.DB.prepare(
      `SELECT n.title, d.channel, d.status FROM notifications n
       JOIN notification_deliveries d ON d.notification_id = n.id
       WHERE n.event_id = ? AND n.attendee_id = ? ORDER BY d.channel`,
    )
      .bind(event.id, ids.at(-1))
      .all<{ title: string; channel: string; status: string }>();
    expect(sample.results.map((r) => [r.channel, r.status])).toEqual([
      ["email", "skipped"],
      ["push", "skipped"],
      ["websocket", "skipped"],
    ]);
    expect(sample.results[0]?.title).toContain(event.title);
  }, 300_000);
});
