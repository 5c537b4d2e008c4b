import { expect } from "vitest";
import { anyone, as, bodyIn, bodyOf, client, settle } from "../client";
import { createEvent, registerAttendee, registerOrganizer, unique } from "../helpers";

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]+$/;

export type Actor = { id: string; name: string; token: string };

/** A booking sent with `token` (none: anonymous), its answer settled whatever its status. */
export const book = (
  token: string | undefined,
  eventId: string,
  attendeeId: string,
  headers?: Record<string, string>,
) =>
  settle(
    client({ token, headers }).api.bookings.$post({ json: { eventId, attendeeId }, header: {} }),
  );

/** Books for the attendee with their own token and insists on a 201. */
export const booked = async (eventId: string, attendee: Actor) => {
  return bodyIn(await book(attendee.token, eventId, attendee.id), 201);
};

/** Registers one attendee per name, in order; the result has one Actor per name. */
export const attendeesNamed = async <N extends string[]>(...names: N) => {
  const actors: Actor[] = [];
  for (const name of names) actors.push(await registerAttendee(name));
  return actors as { [K in keyof N]: Actor };
};

export const counters = async (eventId: string) => {
  const res = await anyone.api.events[":id"].$get({ param: { id: eventId } });
  const { capacity, bookedCount, availableSeats, waitlistCount } = await bodyOf(res, 200);
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
  return bodyOf(await as(token).api.bookings[":id"].$get({ param: { id } }), 200);
};

export { cancelBooking as cancel } from "../helpers";

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
