import { eq } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { database } from "../../db/client";
import { attendees, events } from "../../db/schema";
import type { AppEnv, Caller } from "../../lib/app-env";
import { bearerToken, isAttendeeToken, verifyOrganizerToken } from "../../lib/auth";
import { sha256Hex } from "../../lib/encoding";
import { problem } from "../../lib/problem";

/** A caller known from the token alone, or an attendee token whose lookup is still to run. */
type PendingCaller = { caller: Caller } | { attendeeTokenHash: string };

interface PendingCallerEnv {
  Bindings: Env;
  Variables: { pendingCaller: PendingCaller };
}

/**
 * For the booking hot path: checks the bearer token without a D1 round trip of its
 * own. JWTs are verified here; an attendee token's lookup is left to `lookUpParties`,
 * which batches it with the booking's own reads.
 */
export const requireBearer = (): MiddlewareHandler<PendingCallerEnv> => async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw problem("unauthorized", "Send Authorization: Bearer <token>.");
  c.set(
    "pendingCaller",
    isAttendeeToken(token)
      ? { attendeeTokenHash: await sha256Hex(token) }
      : { caller: await verifyOrganizerToken(c.env, token) },
  );
  await next();
};

const resolveCaller = (pending: PendingCaller, found: { id: string } | undefined): Caller => {
  if ("caller" in pending) return pending.caller;
  if (!found) throw problem("unauthorized", "The bearer token is invalid.");
  return { kind: "attendee", id: found.id };
};

/** One D1 round trip authenticates, authorizes and finds both parties of a booking. */
export const lookUpParties = async (
  c: Context<AppEnv & PendingCallerEnv>,
  { eventId, attendeeId }: { eventId: string; attendeeId: string },
) => {
  const pending = c.get("pendingCaller");
  const db = database(c.env.DB);
  const eventQuery = db
    .select({ organizerId: events.organizerId })
    .from(events)
    .where(eq(events.id, eventId));
  const attendeeQuery = db
    .select({ name: attendees.name })
    .from(attendees)
    .where(eq(attendees.id, attendeeId));
  const selfQuery = (tokenHash: string) =>
    db.select({ id: attendees.id }).from(attendees).where(eq(attendees.tokenHash, tokenHash));
  const [event, attendee, self] =
    "attendeeTokenHash" in pending
      ? await db.batch([eventQuery, attendeeQuery, selfQuery(pending.attendeeTokenHash)])
      : [...(await db.batch([eventQuery, attendeeQuery])), []];
  const caller = resolveCaller(pending, self[0]);
  if (caller.kind === "attendee" && caller.id !== attendeeId) {
    throw problem("forbidden", "An attendee may only book for themselves.");
  }
  if (!event[0]) throw problem("event_not_found", "No event has this id.");
  if (!attendee[0]) throw problem("attendee_not_found", "No attendee has this id.");
  if (caller.kind === "organizer" && event[0].organizerId !== caller.id) {
    throw problem("forbidden", "Only the event's organizer may book for an attendee.");
  }
  return { caller, attendeeName: attendee[0].name };
};
