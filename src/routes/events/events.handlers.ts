import { eq } from "drizzle-orm";
import { type Database, database } from "../../db/client";
import { findEvent, listEvents } from "../../db/events";
import { type EventRow, events } from "../../db/schema";
import { type Caller, callerOf } from "../../lib/auth";
import { newId } from "../../lib/ids";
import { problem } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { nowIso } from "../../lib/time";
import type { EventPatch } from "../../schemas/events";
import { presentEvent } from "./events.present";
import type * as routes from "./events.routes";

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const input = c.req.valid("json");
  const now = nowIso();
  const row: EventRow = {
    id: newId(),
    organizerId: callerOf(c).id,
    title: input.title,
    description: input.description ?? null,
    country: input.country,
    startDate: input.startDate,
    endDate: input.endDate,
    capacity: input.capacity,
    waitlistEnabled: input.waitlistEnabled,
    status: input.status,
    bookedCount: 0,
    waitlistCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  await database(c.env.DB).insert(events).values(row);
  c.header("Location", `/api/events/${row.id}`);
  return c.json(presentEvent(row), 201);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const query = c.req.valid("query");
  const { rows, total } = await listEvents(database(c.env.DB), query);
  return c.json(
    {
      data: rows.map(presentEvent),
      pagination: { limit: query.limit, offset: query.offset, total },
    },
    200,
  );
};

export const get: AppRouteHandler<typeof routes.get> = async (c) => {
  const row = await findEvent(database(c.env.DB), c.req.valid("param").id);
  if (!row) throw problem("event_not_found", "No event has this id.");
  return c.json(presentEvent(row), 200);
};

/** Loads an event the caller organizes: 404 when unknown, 403 when someone else's. */
export const ownedEvent = async (db: Database, caller: Caller, id: string) => {
  const row = await findEvent(db, id);
  if (!row) throw problem("event_not_found", "No event has this id.");
  if (caller.kind !== "organizer" || row.organizerId !== caller.id) {
    throw problem("forbidden", "Only the event's organizer may do this.");
  }
  return row;
};

/** The stored dates take part when only one side changes, so the pair stays ordered. */
export const checkPatch = (row: EventRow, patch: EventPatch) => {
  const start = patch.startDate ?? row.startDate;
  const end = patch.endDate ?? row.endDate;
  if (end <= start) {
    throw problem("validation_failed", "endDate must be after startDate.", {
      errors: [{ path: "endDate", message: "endDate must be after startDate" }],
    });
  }
  if (patch.capacity !== undefined && patch.capacity < row.bookedCount) {
    throw problem(
      "capacity_below_booked",
      `${row.bookedCount} seats are already confirmed; capacity cannot go below that.`,
    );
  }
};

const update: AppRouteHandler<typeof routes.patch> = async (c) => {
  const db = database(c.env.DB);
  const row = await ownedEvent(db, callerOf(c), c.req.valid("param").id);
  const patch = c.req.valid("json");
  checkPatch(row, patch);
  const next: EventRow = { ...row, ...patch, updatedAt: nowIso() };
  await db.update(events).set(next).where(eq(events.id, row.id));
  return c.json(presentEvent(next), 200);
};

export const patch = update;
export const put = update;

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  const db = database(c.env.DB);
  const row = await ownedEvent(db, callerOf(c), c.req.valid("param").id);
  await db.delete(events).where(eq(events.id, row.id));
  return c.json({ message: "Event deleted" }, 200);
};
