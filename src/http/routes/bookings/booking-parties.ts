import { and, eq, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context, MiddlewareHandler } from "hono";
import { type Database, database } from "../../../db/client";
import { attendees, events } from "../../../db/schema";
import { sha256Hex } from "../../../lib/encoding";
import { problem } from "../../../lib/problem";
import type { AppEnv, Caller } from "../../app-env";
import {
  admitAttendee,
  admitOrganizer,
  attendeeOfToken,
  bearerToken,
  isAttendeeToken,
  type OrganizerAccount,
  type OrganizerClaims,
  organizerAccount,
  signedAttendeeOf,
  verifyOrganizerToken,
} from "../../auth";

/**
 * A token checked as far as it can be without D1. A signed attendee token names its
 * attendee; an opaque one (issued before tokens were signed) and an organizer's
 * account are left to look up. Every attendee token's hash is kept, for the routes that
 * confirm it in D1 with their own read.
 */
type PendingCaller =
  | { organizer: OrganizerClaims }
  | { attendeeId: string; attendeeTokenHash: string }
  | { attendeeId?: undefined; attendeeTokenHash: string };

export interface PendingCallerEnv {
  Bindings: Env;
  Variables: { pendingCaller: PendingCaller };
}

/**
 * For the booking routes: checks the bearer token without a D1 round trip of its own.
 * Signatures are verified here; the rest is left to `lookUpParties`, which batches it
 * with the new booking's reads (or leaves it to the ledger's D1 copy), or to
 * `withCaller`, which batches it with the route's first read.
 */
export const requireBearer = (): MiddlewareHandler<PendingCallerEnv> => async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw problem("unauthorized", "Send Authorization: Bearer <token>.");
  if (!isAttendeeToken(token)) {
    c.set("pendingCaller", { organizer: await verifyOrganizerToken(c.env, token) });
  } else {
    const attendeeId = await signedAttendeeOf(c.env, token);
    const attendeeTokenHash = await sha256Hex(token);
    c.set(
      "pendingCaller",
      attendeeId === null ? { attendeeTokenHash } : { attendeeId, attendeeTokenHash },
    );
  }
  await next();
};

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

/**
 * Confirms the caller in the same D1 batch as the route's first read, so a route that
 * reads D1 anyway spends one round trip, not two: the organizer's account (open, password
 * unchanged since the token), or the attendee the token's hash names (still there, not
 * leaving, and the one a signed token names). A caller refused is 401 whatever the read
 * found, so nothing is told about records to a token that is no longer good.
 */
export const withCaller = async <Q extends BatchItem<"sqlite">>(
  c: Context<AppEnv & PendingCallerEnv>,
  read: (db: Database) => Q,
): Promise<{ caller: Caller; rows: Awaited<Q> }> => {
  const pending = c.get("pendingCaller");
  const db = database(c.env.DB);
  if ("organizer" in pending) {
    const [accounts, rows] = await db.batch([
      organizerAccount(c.env, pending.organizer.id),
      read(db),
    ]);
    const caller = admitOrganizer(pending.organizer, accounts[0] as OrganizerAccount | undefined);
    return { caller, rows: rows as Awaited<Q> };
  }
  const self = attendeeOfToken(c.env, pending.attendeeTokenHash);
  const [found, rows] = await db.batch([self, read(db)]);
  const caller = admitAttendee(found[0], pending.attendeeId ?? null);
  return { caller, rows: rows as Awaited<Q> };
};
