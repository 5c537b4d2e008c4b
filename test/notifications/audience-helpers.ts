import { env } from "cloudflare:workers";

const SEED_ROWS = 1_000;

/**
 * Seeds attendees with active bookings straight into D1, a thousand rows a statement:
 * registering thousands through the API would take minutes. Email is off unless asked,
 * so the provider stand-in does not keep thousands of messages.
 */
export const seedBookedAudience = async (
  eventId: string,
  count: number,
  { email = false, tag = crypto.randomUUID().slice(0, 8) } = {},
) => {
  const now = new Date().toISOString();
  const ids: string[] = [];
  for (let from = 0; from < count; from += SEED_ROWS) {
    const rows = Array.from({ length: Math.min(SEED_ROWS, count - from) }, (_, i) => {
      const n = from + i;
      const id = `att-${tag}-${String(n).padStart(6, "0")}`;
      ids.push(id);
      return { id, booking: `bk-${tag}-${n}`, seq: n + 1 };
    });
    const json = JSON.stringify(rows);
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO attendees (id, name, email, locale, token_hash, notify_email, notify_push,
           notify_websocket, created_at, updated_at)
         SELECT r.value ->> 'id', 'Guest ' || (r.value ->> 'seq'), (r.value ->> 'id') || '@example.com',
           'en', 'hash-' || (r.value ->> 'id'), ?2, 1, 1, ?3, ?3
         FROM json_each(?1) AS r`,
      ).bind(json, email ? 1 : 0, now),
      env.DB.prepare(
        `INSERT INTO bookings (id, event_id, attendee_id, status, queue_seq, created_at, updated_at)
         SELECT r.value ->> 'booking', ?2, r.value ->> 'id', 'confirmed', r.value ->> 'seq', ?3, ?3
         FROM json_each(?1) AS r`,
      ).bind(json, eventId, now),
    ]);
  }
  return ids;
};
