import { and, eq, isNull } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { database } from "../../db/client";
import { attendees, events } from "../../db/schema";
import type { AppEnv, Caller } from "../../lib/app-env";
import {
  admitOrganizer,
  bearerToken,
  isAttendeeToken,
  type OrganizerAccount,
  type OrganizerClaims,
  organizerAccount,
  verifyOrganizerToken,
} from "../../lib/auth";
import { sha256Hex } from "../../lib/encoding";
import { problem } from "../../lib/problem";

/** A token checked as far as it can be without D1: the account or attendee lookup is left. */
type PendingCaller = { organizer: OrganizerClaims } | { attendeeTokenHash: string };

interface PendingCallerEnv {
  Bindings: Env;
  Variables: { pendingCaller: PendingCaller };
}

/**
 * For the booking hot path: checks the bearer token without a D1 round trip of its
 * own. JWT signatures are verified here; the organizer's account or the attendee
 * token's lookup is left to `lookUpParties`, which batches it with the booking's reads.
 */
export const requireBearer = (): MiddlewareHandler<PendingCallerEnv> => async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw problem("unauthorized", "Send Authorization: Bearer <token>.");
  c.set(
    "pendingCaller",
    isAttendeeToken(token)
      ? { attendeeTokenHash: await sha256Hex(token) }
      : { organizer: await verifyOrganizerToken(c.env, token) },
  );
  await next();
};

const resolveCaller = (pending: PendingCaller, found: { id: string } | undefined): Caller => {
  // The batch ran `organizerAccount` for an organizer, so the row has that shape.
  if ("organizer" in pending) return admitOrganizer(pending.organizer, found as OrganizerAccount);
  if (!found) throw problem("unauthorized", "The bearer token is invalid.");
  return { kind: "attendee", id: found.id };
};

/**
 * One D1 round trip authenticates (the attendee token, or the organizer's account
 * still open and its password unchanged since the token), authorizes and finds both
 * parties of a booking.
 */
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
    .where(and(eq(attendees.id, attendeeId), isNull(attendees.leavingAt)));
  const selfQuery = (tokenHash: string) =>
    db
      .select({ id: attendees.id })
      .from(attendees)
      .where(and(eq(attendees.tokenHash, tokenHash), isNull(attendees.leavingAt)));
  const [event, attendee, self] = await db.batch([
    eventQuery,
    attendeeQuery,
    "organizer" in pending
      ? organizerAccount(c.env, pending.organizer.id)
      : selfQuery(pending.attendeeTokenHash),
  ]);
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
