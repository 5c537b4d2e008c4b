import type { Context } from "hono";
import { queueOf } from "../../../admission/client";
import { database } from "../../../db/client";
import { findEvent } from "../../../db/events";
import { ledgerOf } from "../../../ledger/client";
import { problem } from "../../../lib/problem";
import { hubOf } from "../../../notifications/hub-client";
import { redeemStreamTicket } from "../../../notifications/stream-tickets";
import type { AppEnv } from "../../app-env";
import { authenticateToken } from "../../auth";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./streams.routes";

const BEARER_PROTOCOL = "bearer.";

const requireUpgrade = (upgrade: string | undefined) => {
  if (upgrade?.toLowerCase() !== "websocket") {
    throw problem("upgrade_required", "Open this endpoint as a WebSocket (Upgrade: websocket).");
  }
};

/** The attendee behind the subprotocol `bearer.<token>` or `?token=`. */
const attendeeOfToken = async (env: Env, token: string | undefined) => {
  if (!token) {
    throw problem(
      "unauthorized",
      "Send a stream ticket as ?ticket=, or the attendee token as subprotocol bearer.<token> or ?token=.",
    );
  }
  const caller = await authenticateToken(env, token);
  if (caller.kind !== "attendee") {
    throw problem("forbidden", "These streams are for attendees.");
  }
  return caller.id;
};

/**
 * The attendee an attendee stream is for; bad credentials are refused before the upgrade.
 * A single-use `?ticket=` keeps the token out of logged URLs, and is only spent on a
 * real upgrade.
 */
const streamingAttendee = async (
  c: Context<AppEnv>,
  query: { ticket?: string; token?: string },
) => {
  const offered = (c.req.header("sec-websocket-protocol") ?? "").split(",").map((p) => p.trim());
  const protocol = offered.find((p) => p.startsWith(BEARER_PROTOCOL));
  let attendeeId: string;
  if (query.ticket && !protocol) {
    requireUpgrade(c.req.header("upgrade"));
    attendeeId = await redeemStreamTicket(c.env.DB, query.ticket);
  } else {
    attendeeId = await attendeeOfToken(
      c.env,
      protocol?.slice(BEARER_PROTOCOL.length) || query.token,
    );
    requireUpgrade(c.req.header("upgrade"));
  }
  // What the object is told comes from this Worker alone, never from the client's headers.
  const headers = new Headers(c.req.raw.headers);
  headers.delete("X-Accepted-Protocol");
  if (protocol) headers.set("X-Accepted-Protocol", protocol);
  headers.set("X-Attendee-Id", attendeeId);
  return { attendeeId, headers };
};

/** The attendee's hub takes the socket. */
export const notifications: AppRouteHandler<typeof routes.notifications> = async (c) => {
  const { attendeeId, headers } = await streamingAttendee(c, c.req.valid("query"));
  return hubOf(c.env, attendeeId).fetch(new Request(c.req.raw, { headers }));
};

/** The queue checks that the entry is the attendee's; a ticket is spent only on a real upgrade. */
export const queue: AppRouteHandler<typeof routes.queue> = async (c) => {
  const { id, entryId } = c.req.valid("param");
  const { headers } = await streamingAttendee(c, c.req.valid("query"));
  headers.set("X-Entry-Id", entryId);
  const answer = await queueOf(c.env, id).fetch(new Request(c.req.raw, { headers }));
  if (answer.status === 404) {
    throw problem("not_found", "No entry of yours has this id in this event's queue.");
  }
  return answer;
};

/** Anyone may connect, so an unknown id is refused here rather than given a ledger. */
export const live: AppRouteHandler<typeof routes.live> = async (c) => {
  requireUpgrade(c.req.header("upgrade"));
  const eventId = c.req.valid("param").id;
  if (!(await findEvent(database(c.env.DB), eventId))) {
    throw problem("event_not_found", "No event has this id.");
  }
  const headers = new Headers(c.req.raw.headers);
  headers.set("X-Event-Id", eventId);
  return ledgerOf(c.env, eventId).fetch(new Request(c.req.raw, { headers }));
};
