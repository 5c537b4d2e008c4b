import { ledgerOf } from "../../booking/client";
import { database } from "../../db/client";
import { findEvent } from "../../db/events";
import { authenticateToken } from "../../lib/auth";
import { problem } from "../../lib/problem";
import { createRouter } from "../../lib/router";
import { hubOf } from "../../notifications/hub-client";

const BEARER_PROTOCOL = "bearer.";

const requireUpgrade = (upgrade: string | undefined) => {
  if (upgrade?.toLowerCase() !== "websocket") {
    throw problem("upgrade_required", "Open this endpoint as a WebSocket (Upgrade: websocket).");
  }
};

/**
 * WebSocket endpoints. Browsers cannot set Authorization on a WebSocket, so the
 * attendee token travels as the subprotocol `bearer.<token>` (echoed back, as the
 * handshake requires) or as `?token=`. A bad token is refused before the upgrade.
 */
export const streamsRouter = createRouter()
  .get("/api/notifications/stream", async (c) => {
    const offered = (c.req.header("sec-websocket-protocol") ?? "").split(",").map((p) => p.trim());
    const protocol = offered.find((p) => p.startsWith(BEARER_PROTOCOL));
    const token = protocol?.slice(BEARER_PROTOCOL.length) || c.req.query("token");
    if (!token)
      throw problem(
        "unauthorized",
        "Send the attendee token as subprotocol bearer.<token> or ?token=.",
      );
    const caller = await authenticateToken(c.env, token);
    if (caller.kind !== "attendee")
      throw problem("forbidden", "The notification stream is for attendees.");
    requireUpgrade(c.req.header("upgrade"));
    const headers = new Headers(c.req.raw.headers);
    if (protocol) headers.set("X-Accepted-Protocol", protocol);
    return hubOf(c.env, caller.id).fetch(new Request(c.req.raw, { headers }));
  })
  .get("/api/events/:id/live", async (c) => {
    requireUpgrade(c.req.header("upgrade"));
    const eventId = c.req.param("id");
    // Anyone may connect, so an unknown id is refused here rather than given a ledger.
    if (!(await findEvent(database(c.env.DB), eventId))) {
      throw problem("event_not_found", "No event has this id.");
    }
    const headers = new Headers(c.req.raw.headers);
    headers.set("X-Event-Id", eventId);
    return ledgerOf(c.env, eventId).fetch(new Request(c.req.raw, { headers }));
  });

/** The WebSocket routes are plain Hono routes; this describes them in /openapi.json. */
export const documentStreams = (registry: ReturnType<typeof createRouter>["openAPIRegistry"]) => {
  const refused = (description: string) => ({
    description,
    content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
  });
  registry.registerPath({
    method: "get",
    path: "/api/notifications/stream",
    tags: ["Notifications"],
    summary: "WebSocket: every notification for the attendee, as JSON text frames",
    description:
      "Frames: `{ id, type, title, body, eventId, bookingId, createdAt }`. Authenticate with the " +
      "subprotocol `bearer.<attendee token>` or `?token=<attendee token>`.",
    responses: {
      101: { description: "Switching protocols" },
      401: refused("Missing or invalid token (unauthorized)"),
      403: refused("Not an attendee token (forbidden)"),
      426: refused("Not a WebSocket upgrade (upgrade_required)"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/events/{id}/live",
    tags: ["Events"],
    summary: "WebSocket: live seat counts of an event",
    description:
      "Frames: `{ availableSeats, bookedCount, waitlistCount, status }` on connect and after every change.",
    responses: {
      101: { description: "Switching protocols" },
      404: refused("Unknown event (event_not_found)"),
      426: refused("Not a WebSocket upgrade (upgrade_required)"),
    },
  });
};
