import { database } from "../../../db/client";
import { findEvent } from "../../../db/events";
import {
  findTicketedBooking,
  revokedTicketsOf,
  type TicketedBooking,
  type TicketRecord,
  ticketedBookingQuery,
  ticketsOfBooking,
} from "../../../db/tickets";
import { callLedger, ledgerOf, unwrap } from "../../../ledger/client";
import { countryName } from "../../../lib/countries";
import { randomHex } from "../../../lib/encoding";
import { publicOrigin } from "../../../lib/links";
import { problem } from "../../../lib/problem";
import { calendarOf } from "../../../tickets/calendar";
import { type TicketKeys, ticketKeys } from "../../../tickets/keys";
import type { LedgerScan } from "../../../tickets/ledger-tickets";
import { ticketsPage } from "../../../tickets/page";
import { checkPageKey, ticketsUrl } from "../../../tickets/page-key";
import { signTicket, verifyTicket } from "../../../tickets/qr";
import { qrSvg } from "../../../tickets/qr-svg";
import type { Caller } from "../../app-env";
import { callerOf } from "../../auth";
import { withCaller } from "../../pending-caller";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./tickets.routes";

/**
 * A booking the caller may see the tickets of: their own, or one of their event's. Anyone
 * else is told it does not exist, so tickets' ids reveal nothing.
 */
const ticketedBooking = async (env: Env, caller: Caller, id: string) =>
  allowedTicketedBooking(caller, await findTicketedBooking(database(env.DB), id));

const allowedTicketedBooking = (caller: Caller, row: TicketedBooking | undefined) => {
  const allowed =
    row && (caller.kind === "attendee" ? row.attendeeId : row.organizerId) === caller.id;
  if (!row || !allowed) throw problem("booking_not_found", "No booking has this id.");
  return row;
};

/** An event of the calling organizer; another organizer's is as unknown as a missing one. */
const organizedEvent = async (env: Env, caller: Caller, id: string) => {
  const row = await findEvent(database(env.DB), id);
  if (!row || row.organizerId !== caller.id) {
    throw problem("event_not_found", "No event has this id.");
  }
  return row;
};

const presentTicket = async (keys: TicketKeys, row: TicketRecord) => ({
  id: row.id,
  bookingId: row.bookingId,
  eventId: row.eventId,
  ticketTypeId: row.ticketTypeId,
  ticketTypeName: row.ticketTypeName,
  holderName: row.holderName,
  status: row.status,
  checkedInAt: row.checkedInAt,
  qr: await signTicket(keys, {
    tid: row.id,
    eid: row.eventId,
    tt: row.ticketTypeId,
    iat: Math.floor(Date.parse(row.issuedAt) / 1000),
  }),
});

/** One D1 round trip: the caller, the booking and its tickets, read together. */
export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const id = c.req.valid("param").id;
  const { caller, rows: read } = await withCaller(
    c,
    (db) => [ticketedBookingQuery(db, id), ticketsOfBooking(db, id)] as const,
  );
  allowedTicketedBooking(caller, read[0][0]);
  const keys = await ticketKeys(c.env);
  const rows = read[1];
  return c.json({ data: await Promise.all(rows.map((row) => presentTicket(keys, row))) }, 200);
};

const CALENDAR_STATUS = {
  confirmed: "CONFIRMED",
  pending: "TENTATIVE",
  waitlisted: "TENTATIVE",
  cancelled: "CANCELLED",
  expired: "CANCELLED",
} as const;

/** The attendee's calendar entry links to their tickets, when tickets can be signed. */
const calendarUrl = async (env: Env, requestUrl: string, booking: TicketedBooking) => {
  if (booking.status !== "confirmed") return null;
  try {
    const keys = await ticketKeys(env);
    return await ticketsUrl(keys, publicOrigin(env, requestUrl), {
      id: booking.id,
      eventEndDate: booking.eventEndDate,
    });
  } catch {
    return null;
  }
};

export const calendar: AppRouteHandler<typeof routes.calendar> = async (c) => {
  const caller = callerOf(c);
  const booking = await ticketedBooking(c.env, caller, c.req.valid("param").id);
  const url = caller.kind === "attendee" ? await calendarUrl(c.env, c.req.url, booking) : null;
  const body = calendarOf({
    uid: `booking-${booking.id}@event-booking-api`,
    stamp: booking.updatedAt,
    start: booking.eventStartDate,
    end: booking.eventEndDate,
    summary: booking.eventTitle,
    description: booking.eventDescription,
    location: countryName(booking.eventCountry),
    status: booking.eventStatus === "cancelled" ? "CANCELLED" : CALENDAR_STATUS[booking.status],
    url,
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="booking-${booking.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
};

export const revoked: AppRouteHandler<typeof routes.revoked> = async (c) => {
  const event = await organizedEvent(c.env, callerOf(c), c.req.valid("param").id);
  const rows = await revokedTicketsOf(database(c.env.DB), event.id, c.req.valid("query").since);
  return c.json({ data: rows.map((row) => ({ id: row.id, revokedAt: row.revokedAt ?? "" })) }, 200);
};

/** A scan as the ledger takes it: its signature checked here, its time never ahead of now. */
const ledgerScan = async (
  keys: TicketKeys,
  eventId: string,
  scan: { qr: string; scanId: string; scannedAt?: string },
  now: string,
): Promise<LedgerScan> => {
  const claims = await verifyTicket(keys, scan.qr);
  const ticket: LedgerScan["ticket"] = !claims
    ? { refused: "invalid" }
    : claims.eid !== eventId
      ? { refused: "wrong_event" }
      : { id: claims.tid };
  const scannedAt =
    scan.scannedAt === undefined ? null : scan.scannedAt < now ? scan.scannedAt : now;
  return { scanId: scan.scanId, scannedAt, ticket };
};

const decideScans = async (
  env: Env,
  caller: Caller,
  eventId: string,
  scans: { qr: string; scanId: string; scannedAt?: string }[],
) => {
  const event = await organizedEvent(env, caller, eventId);
  const keys = await ticketKeys(env);
  const now = new Date().toISOString();
  const ledgerScans = await Promise.all(scans.map((scan) => ledgerScan(keys, event.id, scan, now)));
  return unwrap(await callLedger(() => ledgerOf(env, event.id).checkIn(event.id, ledgerScans)));
};

export const checkIn: AppRouteHandler<typeof routes.checkIn> = async (c) => {
  const answers = await decideScans(c.env, callerOf(c), c.req.valid("param").id, [
    c.req.valid("json"),
  ]);
  const [answer] = answers;
  if (!answer) throw new Error("the ledger answered no scan");
  return c.json(answer, 200);
};

export const checkInBatch: AppRouteHandler<typeof routes.checkInBatch> = async (c) => {
  const { scans } = c.req.valid("json");
  const results = await decideScans(c.env, callerOf(c), c.req.valid("param").id, scans);
  return c.json({ results }, 200);
};

export const keySet: AppRouteHandler<typeof routes.keySet> = async (c) => {
  const keys = await ticketKeys(c.env);
  c.header("Cache-Control", "public, max-age=300");
  return c.json({ keys: keys.published }, 200);
};

const pageHeaders = (nonce: string) => ({
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
  "X-Content-Type-Options": "nosniff",
  // The address carries the link's key: it must not leave with a click.
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex",
});

export const page: AppRouteHandler<typeof routes.page> = async (c) => {
  const { bookingId } = c.req.valid("param");
  const keys = await ticketKeys(c.env);
  const check = await checkPageKey(keys, bookingId, c.req.valid("query").key);
  if (check === "invalid") throw problem("not_found", "No tickets are found at this link.");
  if (check === "expired") {
    throw problem("forbidden", "This link has expired; open the booking for a fresh one.");
  }
  const db = database(c.env.DB);
  const booking = await findTicketedBooking(db, bookingId);
  if (!booking) throw problem("not_found", "No tickets are found at this link.");
  const rows = await ticketsOfBooking(db, booking.id);
  const tickets = await Promise.all(
    rows.map(async (row) => {
      const ticket = await presentTicket(keys, row);
      return { ...ticket, svg: await qrSvg(ticket.qr) };
    }),
  );
  const nonce = randomHex(16);
  const html = ticketsPage({
    event: {
      title: booking.eventTitle,
      startDate: booking.eventStartDate,
      endDate: booking.eventEndDate,
      country: booking.eventCountry,
    },
    locale: booking.attendeeLocale,
    bookingStatus: booking.status,
    tickets,
    nonce,
  });
  return new Response(html, { status: 200, headers: pageHeaders(nonce) });
};
