import { expect } from "vitest";
import { api, createEvent, registerAttendee, registerOrganizer, unique } from "../helpers";

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]+$/;

export type Actor = { id: string; name: string; token: string };

export const book = (
  token: string | undefined,
  eventId: string,
  attendeeId: string,
  headers?: Record<string, string>,
) => api("POST", "/api/bookings", { token, headers, body: { eventId, attendeeId } });

/** Books for the attendee with their own token and insists on a 201. */
export const booked = async (eventId: string, attendee: Actor) => {
  const res = await book(attendee.token, eventId, attendee.id);
  if (res.status !== 201)
    throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Registers one attendee per name, in order; the result has one Actor per name. */
export const attendeesNamed = async <N extends string[]>(...names: N) => {
  const actors: Actor[] = [];
  for (const name of names) actors.push(await registerAttendee(name));
  return actors as { [K in keyof N]: Actor };
};

export const counters = async (eventId: string) => {
  const res = await api("GET", `/api/events/${eventId}`);
  expect(res.status).toBe(200);
  const { capacity, bookedCount, availableSeats, waitlistCount } = res.body;
  return { capacity, bookedCount, availableSeats, waitlistCount };
};

export const expectCounters = async (
  eventId: string,
  expected: { bookedCount: number; availableSeats: number; waitlistCount: number },
) => {
  const { bookedCount, availableSeats, waitlistCount } = await counters(eventId);
  expect({ bookedCount, availableSeats, waitlistCount }).toEqual(expected);
};

export const bookingOf = async (token: string, id: string) => {
  const res = await api("GET", `/api/bookings/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};

export const cancel = (token: string, id: string) =>
  api("DELETE", `/api/bookings/${id}`, { token });

export const bookingShape = (
  event: any,
  attendee: Actor,
  status: string,
  position: number | null,
) => ({
  id: expect.stringMatching(ID),
  eventId: event.id,
  attendeeId: attendee.id,
  seats: 1,
  items: [
    {
      ticketTypeId: event.ticketTypes[0].id,
      name: "General admission",
      quantity: 1,
      unitPrice: event.price,
      discount: 0,
      amount: event.price,
    },
  ],
  promoCode: null,
  status,
  waitlistPosition: position,
  expiresAt: null,
  payment: null,
  event: { id: event.id, title: event.title },
  attendee: { id: attendee.id, name: attendee.name },
  createdAt: expect.stringMatching(ISO_UTC),
  updatedAt: expect.stringMatching(ISO_UTC),
});

/** A fresh organizer with one event; every test gets its own, storage being shared per file. */
export const organizerWithEvent = async (overrides: Record<string, unknown> = {}) => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, { title: unique("Symfony Live"), ...overrides });
  return { organizer, event };
};

export const PAST = { startDate: "2020-05-01T10:00:00", endDate: "2020-05-01T18:00:00" };
