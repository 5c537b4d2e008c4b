import { and, count, desc, eq, notInArray, sql } from "drizzle-orm";
import { database } from "../../../db/client";
import {
  attendees,
  DELIVERY_CHANNELS,
  deliveries,
  devices,
  notifications,
} from "../../../db/schema";
import { newId } from "../../../lib/ids";
import { pageOf } from "../../../lib/page";
import { problem } from "../../../lib/problem";
import { nowIso } from "../../../lib/time";
import type { SkippedChannel } from "../../../notifications/delivery-log";
import { issueStreamTicket } from "../../../notifications/stream-tickets";
import { renderTemplate, sampleTemplateData } from "../../../notifications/templates";
import { NOTIFICATION_TYPES, type NotificationType } from "../../../notifications/types";
import { ownAttendee } from "../../access";
import { callerOf } from "../../auth";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./notifications.routes";

/** The page's ids travel as one JSON parameter: D1 binds at most 100 per statement. */
const ofNotifications = (attendeeId: string, ids: string[]) =>
  and(
    eq(deliveries.attendeeId, attendeeId),
    sql`${deliveries.notificationId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );

/** The channels a notification skipped, as deliveries, unless a row tells more of them. */
const skippedOf = (skipped: string | null, made: { channel: string }[]) => {
  const listed = skipped ? (JSON.parse(skipped) as SkippedChannel[]) : [];
  return listed
    .filter((s) => !made.some((d) => d.channel === s.channel))
    .map((s) => ({ channel: s.channel, status: "skipped" as const, attempts: 1, error: s.error }));
};

/** What the attendee sees of a notification: its keys and its claim stay inside. */
const SHOWN = {
  id: notifications.id,
  type: notifications.type,
  title: notifications.title,
  body: notifications.body,
  eventId: notifications.eventId,
  bookingId: notifications.bookingId,
  createdAt: notifications.createdAt,
  skipped: notifications.skipped,
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { limit, offset } = c.req.valid("query");
  const attendeeId = callerOf(c).id;
  const db = database(c.env.DB);
  const mine = eq(notifications.attendeeId, attendeeId);
  const [rows, totals] = await db.batch([
    db
      .select(SHOWN)
      .from(notifications)
      .where(mine)
      // The table's key, read backwards: newest first, with no sort.
      .orderBy(desc(notifications.createdAt), desc(notifications.domainEventId))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(notifications).where(mine),
  ]);
  const ids = rows.map((r) => r.id);
  const logged = ids.length
    ? await db.select().from(deliveries).where(ofNotifications(attendeeId, ids))
    : [];
  const data = rows.map(({ skipped, ...n }) => {
    const made = logged
      .filter((d) => d.notificationId === n.id)
      .map((d) => ({
        channel: d.channel,
        status: d.status,
        attempts: d.attempts,
        ...(d.error ? { error: d.error } : {}),
      }));
    // In the order the channels are declared, whichever record each comes from.
    const all = [...made, ...skippedOf(skipped, made)];
    all.sort((a, b) => DELIVERY_CHANNELS.indexOf(a.channel) - DELIVERY_CHANNELS.indexOf(b.channel));
    return { ...n, type: n.type as NotificationType, deliveries: all };
  });
  return c.json(pageOf(data, { limit, offset }, totals[0]?.total ?? 0), 200);
};

export const preview: AppRouteHandler<typeof routes.preview> = async (c) => {
  const { type } = c.req.valid("param");
  if (!(NOTIFICATION_TYPES as readonly string[]).includes(type)) {
    throw problem(
      "not_found",
      `No template for "${type}"; types: ${NOTIFICATION_TYPES.join(", ")}.`,
    );
  }
  const { locale } = c.req.valid("query");
  const { subject, text, html } = renderTemplate(
    type as NotificationType,
    locale,
    // A refund is always of a paid booking: preview it with its amount.
    sampleTemplateData(type === "booking.refunded"),
  );
  return c.json({ subject, text, html }, 200);
};

export const preferences: AppRouteHandler<typeof routes.preferences> = async (c) => {
  const db = database(c.env.DB);
  const row = await ownAttendee(db, callerOf(c), c.req.valid("param").id);
  const input = c.req.valid("json");
  const locale = input.locale ?? row.locale;
  await db
    .update(attendees)
    .set({
      notifyEmail: input.email,
      notifyPush: input.push,
      notifyWebsocket: input.websocket,
      locale,
      updatedAt: nowIso(),
    })
    .where(eq(attendees.id, row.id));
  return c.json({ email: input.email, push: input.push, websocket: input.websocket, locale }, 200);
};

/** Bounds what one attendee adds to every event-wide notification's profile query. */
export const MAX_DEVICES_PER_ATTENDEE = 10;

/**
 * A token this attendee already registered counts as registered now. One another
 * attendee registered stays theirs until they remove it: whoever learnt a token must
 * not divert that phone's notifications. Past the cap, the least recently registered
 * go, in the same transaction, so parallel registrations cannot overshoot it.
 */
export const addDevice: AppRouteHandler<typeof routes.addDevice> = async (c) => {
  const db = database(c.env.DB);
  const owner = await ownAttendee(db, callerOf(c), c.req.valid("param").id);
  const { platform, token } = c.req.valid("json");
  const now = nowIso();
  const newest = db
    .select({ id: devices.id })
    .from(devices)
    .where(eq(devices.attendeeId, owner.id))
    .orderBy(desc(devices.createdAt), desc(devices.id))
    .limit(MAX_DEVICES_PER_ATTENDEE);
  const [[device]] = await db.batch([
    db
      .insert(devices)
      .values({ id: newId(), attendeeId: owner.id, platform, token, createdAt: now })
      .onConflictDoUpdate({
        target: [devices.platform, devices.token],
        set: { createdAt: now },
        setWhere: eq(devices.attendeeId, owner.id),
      })
      .returning(),
    db.delete(devices).where(and(eq(devices.attendeeId, owner.id), notInArray(devices.id, newest))),
  ]);
  // The contract has no device code; attendee_exists is its 409 for "already registered".
  if (!device) {
    throw problem(
      "attendee_exists",
      "Another attendee registered this device; it must be removed from their account first.",
    );
  }
  c.header("Location", `/api/attendees/${owner.id}/devices/${device.id}`);
  return c.json(device, 201);
};

export const removeDevice: AppRouteHandler<typeof routes.removeDevice> = async (c) => {
  const db = database(c.env.DB);
  const { id, deviceId } = c.req.valid("param");
  const owner = await ownAttendee(db, callerOf(c), id);
  const gone = await db
    .delete(devices)
    .where(and(eq(devices.id, deviceId), eq(devices.attendeeId, owner.id)))
    .returning({ id: devices.id });
  if (gone.length === 0) throw problem("not_found", "This attendee has no device with this id.");
  return c.json({ message: "Device removed" }, 200);
};

export const streamTicket: AppRouteHandler<typeof routes.streamTicket> = async (c) => {
  const issued = await issueStreamTicket(c.env.DB, callerOf(c).id);
  c.header("Location", `/api/notifications/stream?ticket=${issued.ticket}`);
  return c.json(issued, 201);
};
