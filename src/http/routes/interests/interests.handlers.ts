import { addInterest, listInterests, removeInterest } from "../../../db/audiences";
import { database } from "../../../db/client";
import { findEvent } from "../../../db/events";
import { problem } from "../../../lib/problem";
import { nowIso } from "../../../lib/time";
import { ownAttendee } from "../../access";
import { callerOf } from "../../auth";
import type { AppRouteHandler } from "../../router";
import { presentEvent } from "../events/events.present";
import type * as routes from "./interests.routes";

const eventNotFound = () => problem("event_not_found", "No event has this id.");

export const add: AppRouteHandler<typeof routes.add> = async (c) => {
  const db = database(c.env.DB);
  const event = await findEvent(db, c.req.valid("param").id);
  if (!event) throw eventNotFound();
  if (event.status === "cancelled" || event.startDate <= nowIso()) {
    throw problem("event_not_bookable", "This event is cancelled or has already started.");
  }
  const { created, row } = await addInterest(db, event.id, callerOf(c).id, nowIso());
  if (!row) throw eventNotFound();
  if (!created) return c.json(row, 200);
  c.header("Location", `/api/events/${event.id}/interest`);
  return c.json(row, 201);
};

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  const db = database(c.env.DB);
  const event = await findEvent(db, c.req.valid("param").id);
  if (!event) throw eventNotFound();
  await removeInterest(db, event.id, callerOf(c).id);
  return c.json({ message: "Interest removed" }, 200);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const db = database(c.env.DB);
  const attendee = await ownAttendee(db, callerOf(c), c.req.valid("param").id);
  const { limit, offset } = c.req.valid("query");
  const page = await listInterests(db, attendee.id, { limit, offset });
  return c.json(
    { data: page.rows.map(presentEvent), pagination: { limit, offset, total: page.total } },
    200,
  );
};
