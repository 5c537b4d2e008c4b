import { countryName } from "../lib/countries";
import type { DomainEvent } from "./types";

export interface RecipientProfile {
  attendeeId: string;
  name: string;
  email: string;
  locale: string;
  timeZone?: string;
  /** Has an open notification socket, so their hub is worth a call. */
  listening: boolean;
  preferences: { email: boolean; push: boolean; websocket: boolean };
  devices: { id: string; platform: "ios" | "android"; token: string }[];
}

export interface EventDetails {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  country: string;
  countryName: string;
}

/** At most this many devices per attendee are pushed to (the newest ones). */
export const MAX_DEVICES = 10;

type EventFields = Pick<EventDetails, "title" | "startDate" | "endDate" | "country">;

const complete = (e: Partial<EventFields> | undefined): e is EventFields =>
  Boolean(e?.title && e.startDate && e.endDate && e.country);

const details = (id: string, e: EventFields): EventDetails => ({
  id,
  title: e.title,
  startDate: e.startDate,
  endDate: e.endDate,
  country: e.country,
  countryName: countryName(e.country),
});

/**
 * Event details by domain event id: carried by the message when the ledger put them
 * there, otherwise read from D1 in one query for the whole batch. Absent when the event is gone.
 */
export const eventDetailsOf = async (env: Env, domainEvents: DomainEvent[]) => {
  const found = new Map<string, EventDetails>();
  const missing = new Set<string>();
  for (const de of domainEvents) {
    const carried = de.data.event as Partial<EventFields> | undefined;
    if (complete(carried)) found.set(de.id, details(de.eventId, carried));
    else missing.add(de.eventId);
  }
  if (missing.size === 0) return found;
  const { results } = await env.DB.prepare(
    `SELECT id, title, start_date AS startDate, end_date AS endDate, country FROM events
     WHERE id IN (SELECT value FROM json_each(?))`,
  )
    .bind(JSON.stringify([...missing]))
    .all<EventFields & { id: string }>();
  const byEvent = new Map(results.map((row) => [row.id, row]));
  for (const de of domainEvents) {
    const row = byEvent.get(de.eventId);
    if (!found.has(de.id) && row) found.set(de.id, details(de.eventId, row));
  }
  return found;
};

interface ProfileRow {
  id: string;
  name: string;
  email: string;
  locale: string;
  notify_email: number;
  notify_push: number;
  notify_websocket: number;
  listening: number;
  devices: string;
}

/** Contact details, preferences and newest devices of every recipient of a batch, in one query. */
export const profilesOf = async (
  env: Env,
  ids: Iterable<string>,
): Promise<Map<string, RecipientProfile>> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { results } = await env.DB.prepare(
    `SELECT a.id, a.name, a.email, a.locale, a.notify_email, a.notify_push, a.notify_websocket,
       EXISTS (SELECT 1 FROM notification_listeners l
               WHERE l.attendee_id = a.id AND l.connections > 0) AS listening,
       (SELECT json_group_array(json_object('id', d.id, 'platform', d.platform, 'token', d.token))
          FROM (SELECT * FROM devices WHERE attendee_id = a.id ORDER BY created_at DESC LIMIT ?2) d
       ) AS devices
     FROM attendees a WHERE a.id IN (SELECT value FROM json_each(?1)) AND a.leaving_at IS NULL`,
  )
    .bind(JSON.stringify(unique), MAX_DEVICES)
    .all<ProfileRow>();
  return new Map(
    results.map((row) => [
      row.id,
      {
        attendeeId: row.id,
        name: row.name,
        email: row.email,
        locale: row.locale,
        listening: row.listening === 1,
        preferences: {
          email: row.notify_email === 1,
          push: row.notify_push === 1,
          websocket: row.notify_websocket === 1,
        },
        devices: JSON.parse(row.devices),
      },
    ]),
  );
};
