import { sendAll } from "../lib/queue-batches";
import type { ChunkMessage, ExpandMessage, Job } from "./messages";
import { slimDomainEvent } from "./messages";
import type { AudienceType } from "./types";

/** Recipients per chunk message; see the consumer's subrequest budget for why 50. */
export const CHUNK_SIZE = 50;
/** Recipients read per expansion step: ten chunks, then a cursor message if more remain. */
export const PAGE_SIZE = 10 * CHUNK_SIZE;

/** Everyone still holding seats, a hold or a waitlist place. */
const BOOKED = `SELECT attendee_id FROM bookings
  WHERE event_id = ?1 AND status IN ('pending', 'confirmed', 'waitlisted') AND attendee_id > ?2
  ORDER BY attendee_id LIMIT ?3`;

/**
 * One keyset page of an audience, in attendee id order, each served by an index whose
 * prefix is the event or organizer: a page costs the same on the first and the last.
 */
const AUDIENCE_SQL: Record<AudienceType, string> = {
  "event.updated": BOOKED,
  "event.cancelled": BOOKED,
  "event.reminder": BOOKED,
  "event.sales_opened": `SELECT attendee_id FROM event_interests
    WHERE event_id = ?1 AND attendee_id > ?2 ORDER BY attendee_id LIMIT ?3`,
  "event.published": `SELECT f.attendee_id FROM events e
    JOIN organizer_follows f ON f.organizer_id = e.organizer_id
    WHERE e.id = ?1 AND f.attendee_id > ?2 ORDER BY f.attendee_id LIMIT ?3`,
};

type Expansion = Extract<Job, { kind: "expand" }>;

/** The messages one page of an audience turns into: its chunks, and where to go on. */
const pageMessages = (job: Expansion, ids: string[]): (ChunkMessage | ExpandMessage)[] => {
  const domainEvent = slimDomainEvent(job.domainEvent);
  const out: (ChunkMessage | ExpandMessage)[] = [];
  for (let i = 0; i < ids.length; i += CHUNK_SIZE) {
    out.push({ kind: "chunk", domainEvent, recipients: ids.slice(i, i + CHUNK_SIZE) });
  }
  const last = ids.at(-1);
  if (ids.length === PAGE_SIZE && last) {
    out.push({ kind: "expand", domainEvent, after: last });
  }
  return out;
};

/**
 * Expands one page of each audience in the batch: one D1 round trip for all of them and
 * as many sendBatch calls as the queue's limits need. A retried expansion re-sends its
 * chunks; delivery claims make the repeats harmless.
 */
export const expandAudiences = async (env: Env, jobs: Expansion[]): Promise<number> => {
  if (jobs.length === 0) return 0;
  const pages = await env.DB.batch<{ attendee_id: string }>(
    jobs.map((job) =>
      env.DB.prepare(AUDIENCE_SQL[job.domainEvent.type]).bind(
        job.domainEvent.eventId,
        job.after,
        PAGE_SIZE,
      ),
    ),
  );
  const bodies = jobs.flatMap((job, i) =>
    pageMessages(
      job,
      (pages[i]?.results ?? []).map((r) => r.attendee_id),
    ),
  );
  await sendAll(env.NOTIFY_QUEUE, bodies);
  return bodies.length;
};
