import { createLocalJWKSet, type JSONWebKeySet } from "jose";
import { expect } from "vitest";
import { anyone, as, bodyOf } from "../client";
import { createEvent, registerAttendee, registerOrganizer, unique } from "../helpers";

export interface Ticket {
  id: string;
  bookingId: string;
  eventId: string;
  ticketTypeId: string;
  ticketTypeName: string;
  holderName: string;
  status: "valid" | "checked_in" | "revoked";
  checkedInAt: string | null;
  qr: string;
}

export interface ScanAnswer {
  result: "ok" | "already_checked_in" | "revoked" | "invalid" | "wrong_event";
  ticket: Omit<Ticket, "qr"> | null;
  checkedInAt: string | null;
}

/** An organizer's event and an attendee's confirmed booking of `seats` seats. */
export const confirmedBooking = async (seats = 2, eventOverrides: Record<string, unknown> = {}) => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, { title: unique("Door"), ...eventOverrides });
  const attendee = await registerAttendee("Ada Lovelace");
  const res = await as(attendee.token).api.bookings.$post({
    header: {},
    json: { eventId: event.id, attendeeId: attendee.id, seats },
  });
  const booking = await bodyOf(res, 201);
  expect(booking.status).toBe("confirmed");
  return { organizer, event, attendee, booking };
};

export const ticketsOf = async (bookingId: string, token: string): Promise<Ticket[]> => {
  const res = await as(token).api.bookings[":id"].tickets.$get({ param: { id: bookingId } });
  return (await bodyOf(res, 200)).data;
};

/** The published JWK set, as any scanner would fetch it. */
export const publishedKeys = async () => {
  const res = await anyone[".well-known"]["ticket-keys.json"].$get();
  return createLocalJWKSet((await bodyOf(res, 200)) as JSONWebKeySet);
};

export const scan = async (
  eventId: string,
  token: string,
  body: { qr: string; scanId?: string; scannedAt?: string },
) => {
  const res = await as(token).api.events[":id"]["check-ins"].$post({
    param: { id: eventId },
    json: { scanId: crypto.randomUUID(), ...body },
  });
  const answer: ScanAnswer = await bodyOf(res, 200);
  return answer;
};

export const scanBatch = async (
  eventId: string,
  token: string,
  scans: { qr: string; scanId: string; scannedAt: string }[],
) => {
  const res = await as(token).api.events[":id"]["check-ins"].batch.$post({
    param: { id: eventId },
    json: { scans },
  });
  const { results }: { results: ScanAnswer[] } = await bodyOf(res, 200);
  return results;
};
