import { database } from "../../../db/client";
import { findEvent } from "../../../db/events";
import { ledgerOf } from "../../../ledger/client";
import { problem } from "../../../lib/problem";
import { hubOf } from "../../../notifications/hub-client";
import { redeemStreamTicket } from "../../../notifications/stream-tickets";
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
    throw problem("forbidden", "The notification stream is for attendees.");
  }
  return caller.id;
};

/**
 * Bad credentials are refused before the upgrade; the attendee's hub takes the socket.
 * A single-use `?ticket=` keeps the token out of logged URLs, and is only spent on a
 * real upgrade.
 */
export const notifications: AppRouteHandler<typeof routes.notifications> = async (c) => {
  const offered = (c.req.header("sec-websocket-protocol") ?? "").split(",").map((p) => p.trim());
  const protocol = offered.find((p) => p.startsWith(BEARER_PROTOCOL));
  const { ticket, token: queryToken } = c.req.valid("query");
  let attendeeId: string;
  if (ticket && !protocol) {
    requireUpgrade(c.req.header("upgrade"));
    attendeeId = await redeemStreamTicket(c.env.DB, ticket);
  } else {
    const token = protocol?.slice(BEARER_PROTOCOL.length) || queryToken;
    attendeeId = await attendeeOfToken(c.env, token);
    requireUpgrade(c.req.header("upgrade"));
  }
  const headers = new Headers(c.req.raw.headers);
  if (protocol) headers.set("X-Accepted-Protocol", protocol);
  headers.set("X-Attendee-Id", attendeeId);
  return hubOf(c.env, attendeeId).fetch(new Request(c.req.raw, { headers }));
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
