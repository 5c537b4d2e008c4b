import { and, eq, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import { database } from "../../../db/client";
import { attendees, events } from "../../../db/schema";
import { problem } from "../../../lib/problem";
import type { AppEnv, Caller } from "../../app-env";
import {
  admitOrganizer,
  type OrganizerAccount,
  type OrganizerClaims,
  organizerAccount,
} from "../../auth";
import type { PendingCallerEnv } from "../../pending-caller";

/**
 * An event's organizer never changes, so this isolate may remember it for as long as it
 * lives. Whether the event still exists is not remembered: its ledger answers that.
 */
const organizers = new Map<string, string>();
const ORGANIZERS_KEPT = 10_000;

const rememberOrganizer = (eventId: string, organizerId: string) => {
  if (organizers.size >= ORGANIZERS_KEPT) organizers.clear();
  organizers.set(eventId, organizerId);
};

/**
 * An attendee books for themselves with an opaque token: one statement finds its attendee, still
 * there and not leaving, with the name the booking carries, and whether the event
 * exists, so an unknown id never wakes (and creates) a ledger for it.
 */
const lookUpSelf = async (
  env: Env,
  tokenHash: string,
  { eventId, attendeeId }: { eventId: string; attendeeId: string },
) => {
  const [self] = await database(env.DB)
    .select({
      id: attendees.id,
      name: attendees.name,
      eventFound: sql<number>`exists (select 1 from ${events} where ${events.id} = ${eventId})`,
    })
    .from(attendees)
    .where(and(eq(attendees.tokenHash, tokenHash), isNull(attendees.leavingAt)));
  if (!self) throw problem("unauthorized", "The bearer token is invalid.");
  if (self.id !== attendeeId) {
    throw problem("forbidden", "An attendee may only book for themselves.");
  }
  if (!self.eventFound) throw problem("event_not_found", "No event has this id.");
  const caller: Caller = { kind: "attendee", id: self.id };
  return { caller, attendeeName: self.name };
};

/**
 * The organizer of an event this isolate knows, or of one D1 holds (then remembered);
 * undefined when no event has this id, so an unknown id never wakes a ledger for it.
 */
const organizerOf = async (env: Env, eventId: string): Promise<string | undefined> => {
  const known = organizers.get(eventId);
  if (known) return known;
  const [event] = await database(env.DB)
    .select({ organizerId: events.organizerId })
    .from(events)
    .where(eq(events.id, eventId));
  if (event) rememberOrganizer(eventId, event.organizerId);
  return event?.organizerId;
};

/**
 * An attendee books for themselves with a signed token: no D1 round trip once this
 * isolate knows the event. Whether the attendee still exists, and their name, is left
 * to the ledger's D1 copy, which lands the booking only if they do (`attendeeName: null`).
 */
const signedSelf = async (
  env: Env,
  signedId: string,
  { eventId, attendeeId }: { eventId: string; attendeeId: string },
) => {
  if (signedId !== attendeeId) {
    throw problem("forbidden", "An attendee may only book for themselves.");
  }
  if (!(await organizerOf(env, eventId))) {
    throw problem("event_not_found", "No event has this id.");
  }
  const caller: Caller = { kind: "attendee", id: attendeeId };
  return { caller, attendeeName: null };
};

/**
 * An organizer books for an attendee of their own event: one D1 round trip checks the
 * account (open, password unchanged since the token), finds the attendee and, unless
 * this isolate already knows it, the event's organizer. Ownership is decided before
 * the attendee is looked at, so another organizer's event tells nobody which ids exist.
 */
const lookUpForOrganizer = async (
  env: Env,
  claims: OrganizerClaims,
  { eventId, attendeeId }: { eventId: string; attendeeId: string },
) => {
  const db = database(env.DB);
  const known = organizers.get(eventId);
  const account = organizerAccount(env, claims.id);
  const attendeeQuery = db
    .select({ name: attendees.name })
    .from(attendees)
    .where(and(eq(attendees.id, attendeeId), isNull(attendees.leavingAt)));
  const eventQuery = db
    .select({ organizerId: events.organizerId })
    .from(events)
    .where(eq(events.id, eventId));
  const [accounts, attendee, event = []] = known
    ? await db.batch([account, attendeeQuery])
    : await db.batch([account, attendeeQuery, eventQuery]);
  const caller = admitOrganizer(claims, accounts[0] as OrganizerAccount | undefined);
  const organizerId = known ?? event[0]?.organizerId;
  if (!organizerId) throw problem("event_not_found", "No event has this id.");
  rememberOrganizer(eventId, organizerId);
  if (organizerId !== caller.id) {
    throw problem("forbidden", "Only the event's organizer may book for an attendee.");
  }
  if (!attendee[0]) throw problem("attendee_not_found", "No attendee has this id.");
  return { caller, attendeeName: attendee[0].name };
};

/**
 * Authenticates the caller, authorizes the booking and finds its attendee: at most one
 * D1 round trip, none for an attendee with a signed token booking an event this isolate
 * knows. A null name means the attendee is not checked yet: the ledger's copy does it.
 */
export const lookUpParties = (
  c: Context<AppEnv & PendingCallerEnv>,
  parties: { eventId: string; attendeeId: string },
): Promise<{ caller: Caller; attendeeName: string | null }> => {
  const pending = c.get("pendingCaller");
  if ("organizer" in pending) return lookUpForOrganizer(c.env, pending.organizer, parties);
  if (pending.attendeeId) return signedSelf(c.env, pending.attendeeId, parties);
  return lookUpSelf(c.env, pending.attendeeTokenHash, parties);
};
