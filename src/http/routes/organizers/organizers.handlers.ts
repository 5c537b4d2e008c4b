import {
  follow as addFollow,
  findOrganizer,
  listFollowing,
  organizerExists,
  unfollow as removeFollow,
} from "../../../db/audiences";
import { database } from "../../../db/client";
import { problem } from "../../../lib/problem";
import { nowIso } from "../../../lib/time";
import { ownAttendee } from "../../access";
import { callerOf } from "../../auth";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./organizers.routes";

const organizerNotFound = () => problem("organizer_not_found", "No organizer has this id.");

export const get: AppRouteHandler<typeof routes.get> = async (c) => {
  const profile = await findOrganizer(database(c.env.DB), c.req.valid("param").id);
  if (!profile) throw organizerNotFound();
  return c.json(profile, 200);
};

export const follow: AppRouteHandler<typeof routes.follow> = async (c) => {
  const db = database(c.env.DB);
  const organizerId = c.req.valid("param").id;
  if (!(await organizerExists(db, organizerId))) throw organizerNotFound();
  const { created, row } = await addFollow(db, organizerId, callerOf(c).id, nowIso());
  // The organizer was deleted between the two reads: their follows went with them.
  if (!row) throw organizerNotFound();
  if (!created) return c.json(row, 200);
  c.header("Location", `/api/organizers/${organizerId}/follow`);
  return c.json(row, 201);
};

export const unfollow: AppRouteHandler<typeof routes.unfollow> = async (c) => {
  const db = database(c.env.DB);
  const organizerId = c.req.valid("param").id;
  if (!(await organizerExists(db, organizerId))) throw organizerNotFound();
  await removeFollow(db, organizerId, callerOf(c).id);
  return c.json({ message: "No longer following this organizer" }, 200);
};

export const following: AppRouteHandler<typeof routes.following> = async (c) => {
  const db = database(c.env.DB);
  const attendee = await ownAttendee(db, callerOf(c), c.req.valid("param").id);
  const { limit, offset } = c.req.valid("query");
  const page = await listFollowing(db, attendee.id, { limit, offset });
  return c.json({ data: page.rows, pagination: { limit, offset, total: page.total } }, 200);
};
