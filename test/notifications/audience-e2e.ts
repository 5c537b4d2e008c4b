import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { PAGE_SIZE } from "../../src/notifications/audience";
import { bodyIn } from "../client";
import { createEvent, patchEvent, registerOrganizer } from "../helpers";
import { seedBookedAudience } from "./audience-helpers";
import { deliveriesOf, eventually } from "./helpers";

/** An audience of more than one expansion page, for `npm test`; the scale run takes 5,000. */
export const SMALL_AUDIENCE = PAGE_SIZE + 100;

const updatedCount = async (eventId: string) =>
  (
    await env.DB.prepare(
      `SELECT count(DISTINCT attendee_id) AS n FROM notifications
       WHERE event_id = ? AND type = 'event.updated'`,
    )
      .bind(eventId)
      .first<{ n: number }>()
  )?.n ?? 0;

/**
 * Changes the country of an event `size` attendees hold confirmed seats of, and waits
 * until the real queue has told each of them, through every channel they have.
 */
export const expectEventWideChangeReachesAll = async (size: number, waitMs: number) => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token, { capacity: size, country: "FR" });
  const ids = await seedBookedAudience(event.id, size);
  const changed = bodyIn(await patchEvent(org.token, event.id, { country: "DE" }), 200);
  expect(changed.country).toBe("DE");
  const reached = await eventually(
    () => updatedCount(event.id),
    (n) => n === ids.length,
    waitMs,
  );
  expect(reached).toBe(size);
  const sample = await env.DB.prepare(
    "SELECT domain_event_id AS d, title FROM notifications WHERE event_id = ? AND attendee_id = ?",
  )
    .bind(event.id, ids.at(-1))
    .first<{ d: string; title: string }>();
  expect(
    (await deliveriesOf(sample?.d ?? "", ids.at(-1) ?? null)).map((r) => [r.channel, r.status]),
  ).toEqual([
    ["email", "skipped"],
    ["push", "skipped"],
    ["websocket", "skipped"],
  ]);
  expect(sample?.title).toContain(event.title);
};
