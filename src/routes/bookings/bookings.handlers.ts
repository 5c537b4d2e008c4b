import { presentBooking } from "../../booking/booking";
import { callLedger, ledgerOf, unwrap } from "../../booking/client";
import { type BookingRecord, findBooking, listBookings } from "../../db/bookings";
import { type Database, database } from "../../db/client";
import { type Caller, callerOf } from "../../lib/auth";
import { sha256Hex } from "../../lib/encoding";
import { problem } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { lookUpParties } from "./booking-parties";
import type * as routes from "./bookings.routes";
import { claimIdempotencyKey } from "./idempotency";

const scopeOf = (caller: Caller) => `${caller.kind}:${caller.id}`;

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const { eventId, attendeeId } = c.req.valid("json");
  const key = c.req.valid("header")["idempotency-key"];
  const { caller, attendeeName } = await lookUpParties(c, { eventId, attendeeId });
  const scope = scopeOf(caller);
  let idempotency: { key: string; requestHash: string } | undefined;
  if (key) {
    const requestHash = await sha256Hex(JSON.stringify([eventId, attendeeId]));
    await claimIdempotencyKey(c.env.DB, { scope, key, requestHash, eventId });
    idempotency = { key, requestHash };
  }
  const reply = await callLedger(() =>
    ledgerOf(c.env, eventId).book({
      eventId,
      attendeeId,
      attendeeName,
      scope,
      idempotency,
    }),
  );
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
  return c.json({ data: rows.map(presentBooking), pagination: { limit, offset, total } }, 200);
};

/** The booking's attendee and the event's organizer may see and cancel it; nobody else. */
const accessibleBooking = async (db: Database, caller: Caller, id: string) => {
  const row = await findBooking(db, id);
  if (!row) throw problem("booking_not_found", "No booking has this id.");
  if (!canAccess(caller, row)) {
    throw problem("forbidden", "Only the booking's attendee or the event's organizer may do this.");
  }
  return row;
};

const canAccess = (caller: Caller, row: BookingRecord) =>
  caller.kind === "attendee" ? row.attendeeId === caller.id : row.organizerId === caller.id;

export const get: AppRouteHandler<typeof routes.get> = async (c) => {
  const row = await accessibleBooking(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  return c.json(presentBooking(row), 200);
};

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  const row = await accessibleBooking(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  const reply = await callLedger(() => ledgerOf(c.env, row.eventId).cancel(row.eventId, row.id));
  return c.json(unwrap(reply), 200);
};
