import { callQueue, queueOf, settingsOf } from "../../../admission/client";
import { database } from "../../../db/client";
import { findEvent } from "../../../db/events";
import { problem } from "../../../lib/problem";
import { nowIso } from "../../../lib/time";
import { ownedEvent } from "../../access";
import { callerOf } from "../../auth";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./admission.routes";

export const join: AppRouteHandler<typeof routes.join> = async (c) => {
  const event = await findEvent(database(c.env.DB), c.req.valid("param").id);
  if (!event) throw problem("event_not_found", "No event has this id.");
  if (!event.queueEnabled) {
    throw problem("event_not_bookable", "This event books without a queue: book directly.");
  }
  if (event.status === "cancelled" || event.startDate <= nowIso()) {
    throw problem("event_not_bookable", "This event is cancelled or has already started.");
  }
  const { created, entry } = await callQueue(() =>
    queueOf(c.env, event.id).join(settingsOf(event), callerOf(c).id),
  );
  if (!created) return c.json(entry, 200);
  c.header("Location", `/api/events/${event.id}/queue/${entry.id}`);
  return c.json(entry, 201);
};

export const entry: AppRouteHandler<typeof routes.entry> = async (c) => {
  const { id, entryId } = c.req.valid("param");
  const found = await callQueue(() => queueOf(c.env, id).entry(entryId, callerOf(c).id));
  if (!found) throw problem("not_found", "No entry of yours has this id in this event's queue.");
  return c.json(found, 200);
};

export const summary: AppRouteHandler<typeof routes.summary> = async (c) => {
  const event = await ownedEvent(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  const counts = await queueOf(c.env, event.id).summary();
  return c.json(counts ?? { waiting: 0, admitted: 0, admitPerMinute: event.admitPerMinute }, 200);
};
