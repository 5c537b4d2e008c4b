import { createLocalJWKSet, type JSONWebKeySet } from "jose";
import { expect } from "vitest";
import { api, createEvent, registerAttendee, registerOrganizer, unique } from "../helpers";

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
  const res = await api("POST", "/api/bookings", {
    token: attendee.token,
    body: { eventId: event.id, attendeeId: attendee.id, seats },
  });
  expect(res.status).toBe(201);
  expect(res.body.status).toBe("confirmed");
  return { organizer, event, attendee, booking: res.body as { id: string; seats: number } };
};

export const ticketsOf = async (bookingId: string, token: string): Promise<Ticket[]> => {
  const res = await api<{ data: Ticket[] }>("GET", `/api/bookings/${bookingId}/tickets`, { token });
  expect(res.status).toBe(200);
  return res.body.data;
};

/** The published JWK set, as any scanner would fetch it. */
export const publishedKeys = async () => {
  const res = await api<JSONWebKeySet>("GET", "/.well-known/ticket-keys.json");
  expect(res.status).toBe(200);
  return createLocalJWKSet(res.body);
};

export const scan = async (
  eventId: string,
  token: string,
  body: { qr: string; scanId?: string; scannedAt?: string },
) => {
  const res = await api<ScanAnswer>("POST", `/api/events/${eventId}/check-ins`, {
    token,
    body: { scanId: crypto.randomUUID(), ...body },
  });
  expect(res.status).toBe(200);
  return res.body;
};

export const scanBatch = async (
  eventId: string,
  token: string,
  scans: { qr: string; scanId: string; scannedAt: string }[],
) => {
  const res = await api<{ results: ScanAnswer[] }>(
    "POST",
    `/api/events/${eventId}/check-ins/batch`,
    { token, body: { scans } },
  );
  expect(res.status).toBe(200);
  return res.body.results;
};
