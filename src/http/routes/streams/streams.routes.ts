import { z } from "@hono/zod-openapi";
import { publicRoute } from "../../route";
import { EntryParams } from "../../schemas/admission";
import { IdParam, problems } from "../../schemas/common";

const switching = { 101: { description: "Switching protocols" } };

const attendeeToken = {
  query: z.object({
    ticket: z
      .string()
      .optional()
      .openapi({
        param: { name: "ticket", in: "query" },
        description: "A single-use ticket from POST /api/notifications/stream-ticket",
      }),
    token: z
      .string()
      .optional()
      .openapi({
        param: { name: "token", in: "query" },
        description: "The attendee token, for clients that cannot set Sec-WebSocket-Protocol",
      }),
  }),
  headers: z.object({
    "sec-websocket-protocol": z
      .string()
      .optional()
      .openapi({ description: "`bearer.<attendee token>`; echoed back on success" }),
  }),
};

/**
 * Browsers cannot set Authorization on a WebSocket, so the attendee proves who they
 * are with a single-use `?ticket=`, the subprotocol `bearer.<token>` (echoed back, as
 * the handshake requires), or `?token=`.
 */
export const notifications = publicRoute({
  method: "get",
  path: "/api/notifications/stream",
  tags: ["Notifications"],
  summary: "WebSocket: every notification for the attendee, as JSON text frames",
  operationId: "streamNotifications",
  // The token is a parameter here, not a bearer header: browsers cannot set one on a WebSocket.
  request: attendeeToken,
  description:
    "Frames: `{ id, type, title, body, eventId, bookingId, createdAt }`. Authenticate with a " +
    "single-use `?ticket=` from POST /api/notifications/stream-ticket (recommended: the token " +
    "never appears in a logged URL), the subprotocol `bearer.<attendee token>`, or " +
    "`?token=<attendee token>`.",
  responses: {
    ...switching,
    ...problems({
      401: "Missing or invalid token, or a ticket unknown, used or expired (unauthorized)",
      403: "Not an attendee token (forbidden)",
      422: "A query parameter given twice (validation_failed)",
      426: "Not a WebSocket upgrade (upgrade_required)",
    }),
  },
});

export const live = publicRoute({
  method: "get",
  path: "/api/events/{id}/live",
  tags: ["Events"],
  summary: "WebSocket: live seat counts of an event",
  operationId: "streamEventSeats",
  description:
    "Frames: `{ availableSeats, bookedCount, waitlistCount, status }` on connect and after every change.",
  request: { params: IdParam },
  responses: {
    ...switching,
    ...problems({
      404: "Unknown event (event_not_found)",
      426: "Not a WebSocket upgrade (upgrade_required)",
    }),
  },
});

export const queue = publicRoute({
  method: "get",
  path: "/api/events/{id}/queue/{entryId}/live",
  tags: ["Admission queue"],
  summary: "WebSocket: your queue entry as it moves",
  operationId: "streamAdmissionQueueEntry",
  request: { ...attendeeToken, params: EntryParams },
  description:
    "Frames: the QueueEntry, on connect, at once when you are admitted (with the pass), and " +
    "every few seconds while you wait. Authenticate as on /api/notifications/stream.",
  responses: {
    ...switching,
    ...problems({
      401: "Missing or invalid token, or a ticket unknown, used or expired (unauthorized)",
      403: "Not an attendee token (forbidden)",
      404: "No entry of yours has this id in this event's queue (not_found)",
      422: "A query parameter given twice (validation_failed)",
      426: "Not a WebSocket upgrade (upgrade_required)",
    }),
  },
});
