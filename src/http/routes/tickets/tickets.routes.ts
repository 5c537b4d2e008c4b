import { z } from "@hono/zod-openapi";
import { requireCaller } from "../../auth";
import { requireBearer } from "../../pending-caller";
import { callerRoute, publicRoute } from "../../route";
import { bodyProblems, IdParam, jsonBody, jsonContent, problems } from "../../schemas/common";
import {
  BookingIdParam,
  CheckInBatchAnswerSchema,
  CheckInBatchBody,
  CheckInBody,
  RevokedTicketListSchema,
  RevokedTicketsQuery,
  ScanAnswerSchema,
  TicketKeySetSchema,
  TicketListSchema,
  TicketsPageQuery,
} from "../../schemas/tickets";

const tags = ["Tickets"];
const misconfigured = "TICKET_SIGNING_KEY is missing or malformed (misconfigured)";

const bookingProblems = problems({
  401: "Missing or invalid token",
  404: "Unknown booking, or neither the booking's attendee nor its event's organizer (booking_not_found)",
  422: "Invalid parameters",
});

const doorProblems = {
  401: "Missing or invalid token",
  403: "An attendee token: only organizers check tickets in (forbidden)",
  404: "Unknown event, or another organizer's (event_not_found)",
} as const;

export const list = callerRoute(requireBearer(), {
  method: "get",
  path: "/api/bookings/{id}/tickets",
  tags,
  summary: "A booking's tickets, one per seat, each with its signed QR code",
  operationId: "listBookingTickets",
  description:
    "The booking's attendee or its event's organizer. A confirmed booking has one ticket per seat; a pending or waitlisted one has none yet; a cancelled, expired or refunded booking's tickets are `revoked`.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(TicketListSchema, "The tickets, in seat order"),
    ...bookingProblems,
    ...problems({ 500: misconfigured }),
  },
});

export const calendar = callerRoute(requireCaller("attendee", "organizer"), {
  method: "get",
  path: "/api/bookings/{id}/calendar.ics",
  tags,
  summary: "The booking's event as an iCalendar file",
  operationId: "getBookingCalendar",
  description:
    "RFC 5545: one VEVENT whose UID stays the same for the booking, so importing it again updates the entry. The booking's attendee or its event's organizer.",
  request: { params: IdParam },
  responses: {
    200: {
      description: "The calendar file",
      content: {
        "text/calendar": {
          schema: z.string().openapi({ example: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…" }),
        },
      },
    },
    ...bookingProblems,
  },
});

export const revoked = callerRoute(requireCaller("organizer"), {
  method: "get",
  path: "/api/events/{id}/revoked-tickets",
  tags,
  summary: "Tickets revoked since a time, for scanners that work offline",
  operationId: "listRevokedTickets",
  description:
    "The event's organizer. Oldest revocation first; ask again with `since` set to the last `revokedAt` seen (inclusive, so nothing is missed).",
  request: { params: IdParam, query: RevokedTicketsQuery },
  responses: {
    200: jsonContent(RevokedTicketListSchema, "Revoked tickets"),
    ...problems({ ...doorProblems, 422: "Invalid `since`" }),
  },
});

export const checkIn = callerRoute(requireCaller("organizer"), {
  method: "post",
  path: "/api/events/{id}/check-ins",
  tags,
  summary: "Check a ticket in at the door",
  operationId: "checkInTicket",
  description:
    "The event's organizer (their scanners). The outcome is an answer, not an error: `ok` once per ticket, `already_checked_in` with the first time for any later scan. The same `scanId` again gets the same answer.",
  request: { params: IdParam, body: jsonBody(CheckInBody) },
  responses: {
    200: jsonContent(ScanAnswerSchema, "What the scan found"),
    ...problems({
      ...bodyProblems,
      ...doorProblems,
      500: misconfigured,
      503: "The event is overloaded (overloaded); retry with the same scanId",
    }),
  },
});

export const checkInBatch = callerRoute(requireCaller("organizer"), {
  method: "post",
  path: "/api/events/{id}/check-ins/batch",
  tags,
  summary: "Upload scans made offline",
  operationId: "checkInTicketBatch",
  description:
    "The event's organizer. 1 to 500 scans (body up to 512 KiB), answered in the order sent. Of two scans of one ticket, the one with the earlier `scannedAt` is the check-in, in one batch or across uploads; each `scanId` is answered once and the same way ever after.",
  request: { params: IdParam, body: jsonBody(CheckInBatchBody) },
  responses: {
    200: jsonContent(CheckInBatchAnswerSchema, "One answer per scan, in the order sent"),
    ...problems({
      ...bodyProblems,
      413: "Body over 512 KiB (payload_too_large)",
      ...doorProblems,
      500: misconfigured,
      503: "The event is overloaded (overloaded); retry with the same scanIds",
    }),
  },
});

export const keySet = publicRoute({
  method: "get",
  path: "/.well-known/ticket-keys.json",
  tags,
  summary: "The public keys that verify tickets' QR codes",
  operationId: "getTicketKeys",
  description:
    "A JWK set (RFC 7517): the key that signs now and the retired keys that still verify. Each QR code's JWS names its key by `kid`.",
  responses: {
    200: jsonContent(TicketKeySetSchema, "The JWK set"),
    ...problems({ 500: misconfigured }),
  },
});

export const page = publicRoute({
  method: "get",
  path: "/tickets/{bookingId}",
  tags,
  summary: "The attendee's tickets as a page, one QR code each",
  operationId: "getTicketsPage",
  description:
    "Opened from the link `booking.confirmed` sends and a confirmed booking shows its attendee (`ticketsUrl`); `key` signs the booking id and an expiry. No script; a policy that allows nothing but its own stylesheet.",
  request: { params: BookingIdParam, query: TicketsPageQuery },
  responses: {
    200: {
      description: "The tickets page",
      headers: {
        "Content-Security-Policy": {
          description: "No scripts, no external files, no framing",
          schema: { type: "string" as const },
        },
      },
      content: { "text/html": { schema: z.string().openapi({ example: "<!doctype html>…" }) } },
    },
    ...problems({
      403: "The link has expired (forbidden)",
      404: "A key that does not sign this booking, or the booking is gone (not_found)",
      422: "No key",
      500: misconfigured,
    }),
  },
});
