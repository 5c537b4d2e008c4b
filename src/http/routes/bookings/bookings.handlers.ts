import type { Context } from "hono";
import { queueOf } from "../../../admission/client";
import { verifyPass } from "../../../admission/pass";
import { type Booking, type Cancellation, presentBooking } from "../../../contracts/booking";
import { namesOf } from "../../../db/attendees";
import { bookingQuery, listBookings } from "../../../db/bookings";
import { type Database, database } from "../../../db/client";
import { callLedger, ledgerOf, unwrap } from "../../../ledger/client";
import { sha256Hex } from "../../../lib/encoding";
import { publicOrigin } from "../../../lib/links";
import { errorText, log } from "../../../lib/logger";
import { pageOf } from "../../../lib/page";
import { allowedBooking } from "../../access";
import type { AppEnv } from "../../app-env";
import { type Caller, callerOf } from "../../auth";
import { type PendingCallerEnv, withCaller } from "../../pending-caller";
import type { AppRouteHandler } from "../../router";
import { attendeeTicketsUrl } from "../tickets/tickets-link";
import { lookUpParties } from "./booking-parties";
import type * as routes from "./bookings.routes";
import { claimIdempotencyKey } from "./idempotency";

const scopeOf = (caller: Caller) => `${caller.kind}:${caller.id}`;

/**
 * What an Idempotency-Key binds. An order of one seat without a hold hashes as it did
 * before orders had seats, so a retry that spans the upgrade still matches.
 */
const requestHashOf = (order: {
  eventId: string;
  attendeeId: string;
  seats: number;
  hold: boolean;
  items?: unknown;
  promoCode?: string;
}) => {
  const { eventId, attendeeId, seats, hold, items, promoCode } = order;
  const plain = seats === 1 && !hold;
  const typed = items !== undefined || promoCode !== undefined;
  const bound = typed
    ? [eventId, attendeeId, seats, hold, items ?? null, promoCode?.toUpperCase() ?? null]
    : plain
      ? [eventId, attendeeId]
      : [eventId, attendeeId, seats, hold];
  return sha256Hex(JSON.stringify(bound));
};

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const { eventId, attendeeId, seats = 1, hold = false, items, promoCode } = c.req.valid("json");
  const { "idempotency-key": key, "admission-pass": pass } = c.req.valid("header");
  const { caller, attendeeName } = await lookUpParties(c, { eventId, attendeeId });
  const admitted = pass ? await verifyPass(c.env, pass, { eventId, attendeeId }) : undefined;
  const scope = scopeOf(caller);
  let idempotency: { key: string; requestHash: string } | undefined;
  if (key) {
    const requestHash = await requestHashOf({ eventId, attendeeId, seats, hold, items, promoCode });
    await claimIdempotencyKey(c.env.DB, { scope, key, requestHash, eventId });
    idempotency = { key, requestHash };
  }
  const reply = await callLedger(() =>
    ledgerOf(c.env, eventId).book({
      eventId,
      attendeeId,
      attendeeName,
      seats,
      hold,
      items,
      promoCode,
      origin: publicOrigin(c.env, c.req.url),
      scope,
      bookedBy: caller.kind,
      idempotency,
      admissionPass: admitted && { id: admitted.entryId, expiresAt: admitted.expiresAt },
    }),
  );
  if (admitted && reply.ok && !reply.replayed) {
    // The pass's slot goes to the next in line now; if this is lost, at the pass's expiry.
    const used = queueOf(c.env, eventId).passUsed(admitted.entryId);
    c.executionCtx.waitUntil(
      used.catch((error) =>
        log(c.env, "warn", "queue not told of a used pass", { eventId, error: errorText(error) }),
      ),
    );
  }
  if (reply.replayed && reply.status !== 409) c.header("Idempotent-Replayed", "true");
  const booking = unwrap(reply);
  c.header("Location", `/api/bookings/${booking.id}`);
  return c.json(booking, 201);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { limit, offset, status, eventId } = c.req.valid("query");
  const caller = callerOf(c);
  const owner = caller.kind === "attendee" ? { attendeeId: caller.id } : { organizerId: caller.id };
  const { rows, total } = await listBookings(
    database(c.env.DB),
    { ...owner, eventId, status },
    { limit, offset },
  );
  return c.json(pageOf(rows.map(presentBooking), { limit, offset }, total), 200);
};

/** The booking the path names, read in the same D1 round trip that confirms the caller. */
const bookingFor = async (c: Context<AppEnv & PendingCallerEnv>, id: string) => {
  const { caller, rows } = await withCaller(c, (db) => [bookingQuery(db, id)] as const);
  return { caller, row: allowedBooking(caller, rows[0][0]) };
};

export const get: AppRouteHandler<typeof routes.get> = async (c) => {
  const { caller, row } = await bookingFor(c, c.req.valid("param").id);
  const ticketsUrl =
    caller.kind === "attendee" ? await attendeeTicketsUrl(c.env, c.req.url, row) : undefined;
  return c.json({ ...presentBooking(row), ...(ticketsUrl ? { ticketsUrl } : {}) }, 200);
};

export const confirm: AppRouteHandler<typeof routes.confirm> = async (c) => {
  const { row } = await bookingFor(c, c.req.valid("param").id);
  const reply = await callLedger(() => ledgerOf(c.env, row.eventId).confirm(row.eventId, row.id));
  return c.json(renamed(unwrap(reply), row.attendeeName), 200);
};

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  const { row } = await bookingFor(c, c.req.valid("param").id);
  const reply = await callLedger(() => ledgerOf(c.env, row.eventId).cancel(row.eventId, row.id));
  return c.json(await withCurrentNames(database(c.env.DB), unwrap(reply), row.attendeeName), 200);
};

/**
 * A ledger keeps the name each attendee had when they booked, and renaming an attendee
 * does not visit every ledger they booked with: its answers carry D1's current name.
 */
const renamed = (booking: Booking, name: string): Booking => ({
  ...booking,
  attendee: { ...booking.attendee, name },
});

/** The cancelled booking's name was read with it; the promoted attendees' are looked up. */
const withCurrentNames = async (db: Database, reply: Cancellation, cancelledName: string) => {
  const booking = renamed(reply.booking, cancelledName);
  if (reply.promotions.length === 0) return { ...reply, booking };
  const names = await namesOf(
    db,
    reply.promotions.map((promoted) => promoted.attendeeId),
  );
  const current = (promoted: Booking) => {
    const name = names.get(promoted.attendeeId);
    return name === undefined ? promoted : renamed(promoted, name);
  };
  const promotions = reply.promotions.map(current);
  return { ...reply, booking, promoted: promotions[0] ?? null, promotions };
};
