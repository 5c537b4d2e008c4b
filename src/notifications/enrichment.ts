import { countryName } from "../lib/countries";
import type { DomainEvent } from "./types";

export interface RecipientProfile {
  attendeeId: string;
  name: string;
  email: string;
  locale: string;
  timeZone?: string;
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

export interface EnrichedEvent {
  event: EventDetails;
  recipients: RecipientProfile[];
  /** Which sources filled gaps, for the processing log. */
  sources: string[];
}

export class EnrichmentError extends Error {}

const EXTERNAL_TIMEOUT_MS = 2_000;
const EXTERNAL_ATTEMPTS = 3;
const FAN_OUT_LOOKUPS = 10;

/**
 * Event-wide changes concern every attendee still holding seats, a hold or a waitlist place,
 * unless the notice names them: a cancelled or deleted event no longer has any.
 */
const recipientIds = async (env: Env, domainEvent: DomainEvent): Promise<string[]> => {
  if (domainEvent.attendeeId) return [domainEvent.attendeeId];
  if ("recipients" in domainEvent.data && domainEvent.data.recipients) {
    return domainEvent.data.recipients;
  }
  const { results } = await env.DB.prepare(
    "SELECT attendee_id FROM bookings WHERE event_id = ? AND status IN ('pending', 'confirmed', 'waitlisted')",
  )
    .bind(domainEvent.eventId)
    .all<{ attendee_id: string }>();
  return results.map((r) => r.attendee_id);
};

/** The ledger puts the event's details in each domain event; D1 fills in older messages. */
const eventDetails = async (env: Env, domainEvent: DomainEvent): Promise<EventDetails | null> => {
  const carried = domainEvent.data.event;
  const row =
    carried?.title && carried.startDate && carried.endDate && carried.country
      ? carried
      : await env.DB.prepare(
          "SELECT title, start_date AS startDate, end_date AS endDate, country FROM events WHERE id = ?",
        )
          .bind(domainEvent.eventId)
          .first<Pick<EventDetails, "title" | "startDate" | "endDate" | "country">>();
  if (!row?.title || !row.startDate || !row.endDate || !row.country) return null;
  return {
    id: domainEvent.eventId,
    title: row.title,
    startDate: row.startDate,
    endDate: row.endDate,
    country: row.country,
    countryName: countryName(row.country),
  };
};

interface ProfileRow {
  id: string;
  name: string;
  email: string;
  locale: string;
  notify_email: number;
  notify_push: number;
  notify_websocket: number;
  devices: string;
}

/** Contact details, preferences and devices of every recipient in one query. */
const profilesFromD1 = async (env: Env, ids: string[]): Promise<RecipientProfile[]> => {
  if (ids.length === 0) return [];
  const { results } = await env.DB.prepare(
    `SELECT a.id, a.name, a.email, a.locale, a.notify_email, a.notify_push, a.notify_websocket,
       (SELECT json_group_array(json_object('id', d.id, 'platform', d.platform, 'token', d.token))
          FROM devices d WHERE d.attendee_id = a.id) AS devices
     FROM attendees a WHERE a.id IN (SELECT value FROM json_each(?)) AND a.leaving_at IS NULL`,
  )
    .bind(JSON.stringify(ids))
    .all<ProfileRow>();
  return results.map((row) => ({
    attendeeId: row.id,
    name: row.name,
    email: row.email,
    locale: row.locale,
    preferences: {
      email: row.notify_email === 1,
      push: row.notify_push === 1,
      websocket: row.notify_websocket === 1,
    },
    devices: JSON.parse(row.devices),
  }));
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The external profile service: a timeout per call, three tries with backoff, 404 means "nothing known". */
const externalProfile = async (baseUrl: string, attendeeId: string) => {
  let lastError = "";
  for (let attempt = 0; attempt < EXTERNAL_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(100 * 2 ** attempt);
    try {
      const res = await fetch(
        `${baseUrl.replace(/\/$/, "")}/attendees/${encodeURIComponent(attendeeId)}`,
        {
          headers: { Accept: "application/json" },
          signal: AbortSignal.timeout(EXTERNAL_TIMEOUT_MS),
        },
      );
      if (res.status === 404) return {};
      if (res.ok)
        return (await res.json()) as { timeZone?: unknown; locale?: unknown; name?: unknown };
      lastError = `profile service answered ${res.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  throw new EnrichmentError(`profile of ${attendeeId} unavailable: ${lastError}`);
};

const isTimeZone = (zone: unknown): zone is string => {
  if (typeof zone !== "string") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** What D1 cannot know (the attendee's time zone) comes from the profile service when configured. */
const withExternal = async (env: Env, profiles: RecipientProfile[]) => {
  const enriched: RecipientProfile[] = [];
  for (let i = 0; i < profiles.length; i += FAN_OUT_LOOKUPS) {
    const chunk = profiles.slice(i, i + FAN_OUT_LOOKUPS);
    const extras = await Promise.all(
      chunk.map((p) => externalProfile(env.ENRICHMENT_URL, p.attendeeId)),
    );
    chunk.forEach((profile, j) => {
      const zone = extras[j]?.timeZone;
      enriched.push(isTimeZone(zone) ? { ...profile, timeZone: zone } : profile);
    });
  }
  return enriched;
};

/**
 * Decides what each domain event lacks for its recipients and templates, and fills it:
 * event details from the message or D1, contact details, preferences and devices from
 * D1, time zones from the external profile service. Null when the event is gone.
 */
export const enrich = async (env: Env, domainEvent: DomainEvent): Promise<EnrichedEvent | null> => {
  const sources = ["d1"];
  const event = await eventDetails(env, domainEvent);
  if (!event) return null;
  let recipients = await profilesFromD1(env, await recipientIds(env, domainEvent));
  if (env.ENRICHMENT_URL && recipients.some((r) => !r.timeZone)) {
    recipients = await withExternal(env, recipients);
    sources.push("profile-service");
  }
  return { event, recipients, sources };
};
