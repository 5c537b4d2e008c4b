import { callQueue, queueOf, settingsOf } from "../../../admission/client";
import { database } from "../../../db/client";
import { findEvent } from "../../../db/events";
import type { EventRow } from "../../../db/schema";
import { problem } from "../../../lib/problem";
import { nowIso } from "../../../lib/time";
import { ownedEvent } from "../../access";
import { callerOf } from "../../auth";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./admission.routes";

type QueuedEvent = Pick<
  EventRow,
  "id" | "queueEnabled" | "admitPerMinute" | "salesStartAt" | "status" | "startDate"
>;

/**
 * Queued events as this isolate read them lately. An on-sale's joins then cost one D1
 * read, the caller's token, instead of two. Only an event whose queue is on is kept, and
 * for two seconds: turning a queue on is seen at once, turning it off or cancelling the
 * event within two seconds (the queue itself hears of either at once, and bookings follow
 * the ledger, not this).
 */
const queuedEvents = new Map<string, { event: QueuedEvent; until: number }>();
const KEPT_MS = 2_000;
const KEPT_EVENTS = 1_000;

const queuedEvent = async (env: Env, id: string): Promise<QueuedEvent> => {
  const now = Date.now();
  const kept = queuedEvents.get(id);
  if (kept && kept.until > now) return kept.event;
  const event = await findEvent(database(env.DB), id);
  if (!event) throw problem("event_not_found", "No event has this id.");
  if (!event.queueEnabled) {
    throw problem("event_not_bookable", "This event books without a queue: book directly.");
  }
  const { queueEnabled, admitPerMinute, salesStartAt, status, startDate } = event;
  const queued = { id: event.id, queueEnabled, admitPerMinute, salesStartAt, status, startDate };
  if (queuedEvents.size >= KEPT_EVENTS) queuedEvents.clear();
  queuedEvents.set(id, { event: queued, until: now + KEPT_MS });
  return queued;
};

export const join: AppRouteHandler<typeof routes.join> = async (c) => {
  const event = await queuedEvent(c.env, c.req.valid("param").id);
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
