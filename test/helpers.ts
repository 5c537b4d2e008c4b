import { anyone, as, BASE, bodyOf, client, settle } from "./client";
import { clientAddressOf } from "./client-address";

/** Kept here too, beside the other helpers most tests import. */
export { BASE };

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/**
 * A client address of its own, as Cloudflare sets CF-Connecting-IP: the per-address
 * registration limits then never throttle unrelated tests.
 */
export const clientAddress = () => clientAddressOf(++counter);

/** Headers of a request sent from a client of its own. */
export const fromNewClient = () => ({ "CF-Connecting-IP": clientAddress() });

type AttendeeInput = Parameters<typeof anyone.api.attendees.$post>[0]["json"];

/** POST /api/attendees as a new attendee's own device sends it: from its own address. */
export const postAttendee = (json: AttendeeInput) =>
  client({ headers: fromNewClient() }).api.attendees.$post({ json });

export const registerOrganizer = async (name = "Symfony Events Ltd") => {
  const email = `${unique("org")}@example.com`;
  const res = await client({ headers: fromNewClient() }).api.auth.register.$post({
    json: { name, email, password: "correct horse battery" },
  });
  const { user, token } = await bodyOf(res, 201);
  return { ...user, email, token };
};

export const registerAttendee = async (name = "John Doe") => {
  const email = `${unique("att")}@example.com`;
  const { attendee, token } = await bodyOf(await postAttendee({ name, email }), 201);
  return { ...attendee, token };
};

export type Attendee = Awaited<ReturnType<typeof registerAttendee>>;

/** One attendee per name, registered side by side; the result has one per name, in order. */
export const registerAttendees = <N extends string[]>(...names: N) =>
  Promise.all(names.map((name) => registerAttendee(name))) as Promise<{ [K in keyof N]: Attendee }>;

type EventInput = Parameters<ReturnType<typeof as>["api"]["events"]["$post"]>[0]["json"];

export const eventInput = (overrides: Partial<EventInput> = {}) =>
  ({
    title: "Symfony Conference",
    description: "Learn about Symfony",
    country: "FR",
    startDate: "2030-05-01T10:00:00",
    endDate: "2030-05-01T18:00:00",
    capacity: 100,
    ...overrides,
  }) satisfies EventInput;

export const createEvent = async (token: string, overrides: Partial<EventInput> = {}) =>
  bodyOf(await as(token).api.events.$post({ json: eventInput(overrides) }), 201);

/** An event as anyone sees it. */
export const eventOf = async (id: string) =>
  bodyOf(await anyone.api.events[":id"].$get({ param: { id } }), 200);

export type EventChanges = Parameters<
  ReturnType<typeof as>["api"]["events"][":id"]["$patch"]
>[0]["json"];

/** The organizer's change to an event, its answer settled whatever its status. */
export const patchEvent = (token: string, id: string, json: EventChanges) =>
  settle(as(token).api.events[":id"].$patch({ param: { id }, json }));

/** Deletes an event as its organizer, insisting on a 200. */
export const deleteEvent = async (token: string, id: string) =>
  bodyOf(await as(token).api.events[":id"].$delete({ param: { id } }), 200);

/** Cancels a booking as `token`, its answer settled whatever its status. */
export const cancelBooking = (token: string, id: string) =>
  settle(as(token).api.bookings[":id"].$delete({ param: { id } }));

/** An organizer with one event that each given attendee booked: they may see those attendees. */
export const organizerBookedBy = async (...attendees: { id: string; token: string }[]) => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, { title: unique("Booked"), capacity: 100 });
  for (const attendee of attendees) {
    const res = await as(attendee.token).api.bookings.$post({
      json: { eventId: event.id, attendeeId: attendee.id },
      header: {},
    });
    await bodyOf(res, 201);
  }
  return { ...organizer, event };
};
