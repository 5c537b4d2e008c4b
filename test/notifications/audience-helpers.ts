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

export interface Counts {
  d1: number;
  d1Statements: number;
  queueSends: number;
  hubCalls: number;
  fetches: number;
}

export const zeroCounts = (): Counts => ({
  d1: 0,
  d1Statements: 0,
  queueSends: 0,
  hubCalls: 0,
  fetches: 0,
});

/** Every subrequest an invocation made, as Workers counts them. */
export const subrequests = (c: Counts) => c.d1 + c.queueSends + c.hubCalls + c.fetches;

const originals = new WeakMap<object, D1PreparedStatement>();
const unwrap = (s: D1PreparedStatement) => originals.get(s) ?? s;

/**
 * Wraps the D1 binding so each round trip is counted: a query run on its own, or a
 * batch of statements (one round trip, `d1Statements` tells how many it carried).
 */
export const countingD1 = (db: D1Database, counts: Counts): D1Database => {
  const statement = (s: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "bind") return (...args: unknown[]) => statement(value.apply(target, args));
        if (["run", "all", "first", "raw"].includes(String(prop))) {
          return (...args: unknown[]) => {
            counts.d1++;
            counts.d1Statements++;
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    originals.set(proxy, s);
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "prepare") return (query: string) => statement(target.prepare(query));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          counts.d1++;
          counts.d1Statements += statements.length;
          // The proxies unwrap to the statements D1 expects.
          return target.batch(statements.map(unwrap));
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
};
