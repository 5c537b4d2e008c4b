import { callLedger, ledgerOf } from "../ledger/client";
import { nowIso } from "../lib/time";

/** Ledgers released per invocation: each release is one subrequest, so this bounds them. */
export const DEPARTURE_STEP = 10;

/** The rest of a departure, carried by the queue: ledgers after `after` (event id order). */
export interface DepartureStep {
  type: "attendee.departure";
  attendeeId: string;
  after: string;
}

export const isDepartureStep = (body: unknown): body is DepartureStep => {
  const step = body as Partial<DepartureStep> | null;
  return (
    step?.type === "attendee.departure" &&
    typeof step.attendeeId === "string" &&
    typeof step.after === "string"
  );
};

/**
 * Phase 1 of deleting an attendee. From here on D1 refuses every new active booking
 * of theirs (`d1-copy.ts`), and the ledger that decided it releases it as an orphan, so
 * the set of active bookings D1 shows for the attendee can only shrink.
 */
export const markLeaving = (env: Env, attendeeId: string) => {
  const now = nowIso();
  return env.DB.prepare(
    "UPDATE attendees SET leaving_at = ?, updated_at = ? WHERE id = ? AND leaving_at IS NULL",
  )
    .bind(now, now, attendeeId)
    .run();
};

/**
 * Phase 2, one bounded step: releases, through each event's ledger, up to
 * DEPARTURE_STEP of the active bookings D1 shows after `after`. Returns where the next
 * step starts, or null when nothing is left.
 */
export const releaseStep = async (env: Env, attendeeId: string, after: string) => {
  const { results } = await env.DB.prepare(
    `SELECT event_id FROM bookings WHERE attendee_id = ? AND status IN ('pending', 'confirmed', 'waitlisted')
       AND event_id > ? ORDER BY event_id LIMIT ?`,
  )
    .bind(attendeeId, after, DEPARTURE_STEP)
    .all<{ event_id: string }>();
  await Promise.all(
    results.map(({ event_id }) =>
      callLedger(() => ledgerOf(env, event_id).releaseAttendee(event_id, attendeeId)),
    ),
  );
  return results.length < DEPARTURE_STEP ? null : (results.at(-1)?.event_id ?? null);
};

/** Phase 3: the row goes (its cancelled bookings cascade) once no active booking is left. */
export const forgetAttendee = (env: Env, attendeeId: string) =>
  env.DB.prepare("DELETE FROM attendees WHERE id = ? AND leaving_at IS NOT NULL")
    .bind(attendeeId)
    .run();

/** One invocation's share of a departure; what is left goes back to the queue. */
export const continueDeparture = async (env: Env, attendeeId: string, after: string) => {
  const next = await releaseStep(env, attendeeId, after);
  if (next === null) {
    await forgetAttendee(env, attendeeId);
    return;
  }
  const step: DepartureStep = { type: "attendee.departure", attendeeId, after: next };
  await env.NOTIFY_QUEUE.send(step, { contentType: "json" });
};

/**
 * Deletes an attendee without losing a seat, in three phases: mark them leaving, release
 * what D1 shows through each ledger, delete the row. A small departure completes here;
 * a long one (or one a ledger could not serve just now) continues through the queue.
 */
export const departAttendee = async (env: Env, attendeeId: string) => {
  await markLeaving(env, attendeeId);
  try {
    await continueDeparture(env, attendeeId, "");
  } catch {
    const step: DepartureStep = { type: "attendee.departure", attendeeId, after: "" };
    await env.NOTIFY_QUEUE.send(step, { contentType: "json" });
  }
};
