import type { BatchItem } from "drizzle-orm/batch";
import type { Context, MiddlewareHandler } from "hono";
import { type Database, database } from "../db/client";
import { sha256Hex } from "../lib/encoding";
import { problem } from "../lib/problem";
import type { AppEnv, Caller } from "./app-env";
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
} from "./auth";

/**
 * A token checked as far as it can be without D1. A signed attendee token names its
 * attendee; an opaque one (issued before tokens were signed) and an organizer's
 * account are left to look up. Every attendee token's hash is kept, for the routes that
 * confirm it in D1 with their own read.
 */
export type PendingCaller =
  | { organizer: OrganizerClaims }
  | { attendeeId: string; attendeeTokenHash: string }
  | { attendeeId?: undefined; attendeeTokenHash: string };

export interface PendingCallerEnv {
  Bindings: Env;
  Variables: { pendingCaller: PendingCaller };
}

/**
 * For routes that read D1 anyway: checks the bearer token without a D1 round trip of its
 * own. Signatures are verified here; the rest is left to `withCaller`, which batches it
 * with the route's first reads, or to the booking route's `lookUpParties`.
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

type Reads = readonly [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/**
 * Confirms the caller in the same D1 batch as the route's first reads, so a route that
 * reads D1 anyway spends one round trip, not two: the organizer's account (open, password
 * unchanged since the token), or the attendee the token's hash names (still there, not
 * leaving, and the one a signed token names). A caller refused is 401 whatever the read
 * found, so nothing is told about records to a token that is no longer good.
 */
export const withCaller = async <Q extends Reads>(
  c: Context<AppEnv & PendingCallerEnv>,
  reads: (db: Database) => Q,
): Promise<{ caller: Caller; rows: { -readonly [K in keyof Q]: Awaited<Q[K]> } }> => {
  const pending = c.get("pendingCaller");
  const db = database(c.env.DB);
  const check: BatchItem<"sqlite"> =
    "organizer" in pending
      ? organizerAccount(c.env, pending.organizer.id)
      : attendeeOfToken(c.env, pending.attendeeTokenHash);
  const [found, ...rows] = (await db.batch([check, ...reads(db)])) as unknown[][];
  const caller =
    "organizer" in pending
      ? admitOrganizer(pending.organizer, found?.[0] as OrganizerAccount | undefined)
      : admitAttendee(found?.[0] as { id: string } | undefined, pending.attendeeId ?? null);
  return { caller, rows: rows as { -readonly [K in keyof Q]: Awaited<Q[K]> } };
};
