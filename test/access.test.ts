import { beforeAll, describe, expect, it } from "vitest";
import {
  api,
  createEvent,
  eventInput,
  expectProblem,
  registerAttendee,
  registerOrganizer,
  unique,
} from "./helpers";

type Kind = "organizer" | "attendee";

/** One organizer's event, booked by one attendee who owns a device: every route has a target. */
type World = {
  organizer: { token: string };
  attendee: { id: string; token: string };
  event: { id: string };
  booking: { id: string };
  device: { id: string };
};

type Call = { method: string; path: string; body?: unknown };

/** Every route that needs a token, and who it serves; anyone else gets 403 forbidden. */
const ROUTES: { call: (w: World) => Call; serves: Kind[] }[] = [
  { call: () => ({ method: "GET", path: "/api/auth/me" }), serves: ["organizer"] },
  {
    call: () => ({ method: "PATCH", path: "/api/auth/me", body: { name: PROBE } }),
    serves: ["organizer"],
  },
  { call: () => ({ method: "DELETE", path: "/api/auth/me" }), serves: ["organizer"] },
  {
    call: () => ({ method: "POST", path: "/api/notifications/stream-ticket" }),
    serves: ["attendee"],
  },
  {
    call: () => ({ method: "POST", path: "/api/events", body: eventInput({ title: PROBE }) }),
    serves: ["organizer"],
  },
  ...["PATCH", "PUT"].map((method) => ({
    call: (w: World) => ({ method, path: `/api/events/${w.event.id}`, body: { title: PROBE } }),
    serves: ["organizer"] as Kind[],
  })),
  {
    call: (w) => ({ method: "DELETE", path: `/api/events/${w.event.id}` }),
    serves: ["organizer"],
  },
  {
    call: (w) => ({ method: "GET", path: `/api/events/${w.event.id}/bookings` }),
    serves: ["organizer"],
  },
  { call: () => ({ method: "GET", path: "/api/attendees" }), serves: ["organizer"] },
  {
    call: (w) => ({ method: "GET", path: `/api/attendees/${w.attendee.id}` }),
    serves: ["attendee", "organizer"],
  },
  {
    call: (w) => ({
      method: "PATCH",
      path: `/api/attendees/${w.attendee.id}`,
      body: { name: PROBE },
    }),
    serves: ["attendee"],
  },
  {
    call: (w) => ({ method: "DELETE", path: `/api/attendees/${w.attendee.id}` }),
    serves: ["attendee"],
  },
  {
    call: (w) => ({ method: "GET", path: `/api/attendees/${w.attendee.id}/bookings` }),
    serves: ["attendee", "organizer"],
  },
  {
    call: (w) => ({
      method: "PUT",
      path: `/api/attendees/${w.attendee.id}/preferences`,
      body: { email: false, push: false, websocket: false },
    }),
    serves: ["attendee"],
  },
  {
    call: (w) => ({
      method: "POST",
      path: `/api/attendees/${w.attendee.id}/devices`,
      body: { platform: "android", token: PROBE },
    }),
    serves: ["attendee"],
  },
  {
    call: (w) => ({
      method: "DELETE",
      path: `/api/attendees/${w.attendee.id}/devices/${w.device.id}`,
    }),
    serves: ["attendee"],
  },
  { call: () => ({ method: "GET", path: "/api/notifications" }), serves: ["attendee"] },
  {
    call: () => ({ method: "GET", path: "/api/notifications/templates/booking.confirmed/preview" }),
    serves: ["organizer"],
  },
  {
    call: (w) => ({
      method: "POST",
      path: "/api/bookings",
      body: { eventId: w.event.id, attendeeId: w.attendee.id },
    }),
    serves: ["attendee", "organizer"],
  },
  { call: () => ({ method: "GET", path: "/api/bookings" }), serves: ["attendee", "organizer"] },
  {
    call: (w) => ({ method: "GET", path: `/api/bookings/${w.booking.id}` }),
    serves: ["attendee", "organizer"],
  },
  {
    call: (w) => ({ method: "POST", path: `/api/bookings/${w.booking.id}/confirm` }),
    serves: ["attendee", "organizer"],
  },
  {
    call: (w) => ({ method: "DELETE", path: `/api/bookings/${w.booking.id}` }),
    serves: ["attendee", "organizer"],
  },
];

/** Written by every refused call that could create or rename something; must never appear. */
const PROBE = unique("refused");

/** Tokens that authenticate nobody: none, an unknown attendee token, a forged JWT. */
const NOBODY: (string | undefined)[] = [undefined, "at_not-a-real-token", "not.a.jwt"];

let world: World;

/** Names the routes in the test titles. */
const TEMPLATE: World = {
  organizer: { token: "" },
  attendee: { id: "{id}", token: "" },
  event: { id: "{id}" },
  booking: { id: "{id}" },
  device: { id: "{deviceId}" },
};

/** Everything a refused call might have changed, read as its owners see it. */
const state = async () => {
  const { organizer, attendee, event, booking } = world;
  const reads = await Promise.all([
    api("GET", `/api/events/${event.id}`),
    api("GET", `/api/attendees/${attendee.id}`, { token: attendee.token }),
    api("GET", `/api/bookings/${booking.id}`, { token: attendee.token }),
    api("GET", `/api/events?q=${PROBE}`),
    api("GET", `/api/attendees/${attendee.id}/bookings`, { token: organizer.token }),
  ]);
  for (const read of reads) expect(read.status).toBe(200);
  return reads.map((read) => read.body);
};

beforeAll(async () => {
  const organizer = await registerOrganizer();
  const attendee = await registerAttendee();
  const event = await createEvent(organizer.token, { capacity: 5 });
  const booking = await api("POST", "/api/bookings", {
    token: attendee.token,
    body: { eventId: event.id, attendeeId: attendee.id },
  });
  const device = await api("POST", `/api/attendees/${attendee.id}/devices`, {
    token: attendee.token,
    body: { platform: "ios", token: unique("device") },
  });
  expect([booking.status, device.status]).toEqual([201, 201]);
  world = { organizer, attendee, event, booking: booking.body, device: device.body };
});

describe("every route that needs a token", () => {
  const cases = ROUTES.map((route) => {
    const { method, path } = route.call(TEMPLATE);
    return [method, path, route] as const;
  });
  it.each(cases)(
    "%s %s: 401 for nobody, 403 for callers it does not serve, and nothing changes",
    async (_method, _path, route) => {
      const before = await state();
      const { method, path, body } = route.call(world);
      for (const token of NOBODY) {
        expectProblem(await api(method, path, { token, body }), 401, "unauthorized");
      }
      for (const kind of (["organizer", "attendee"] as const).filter(
        (k) => !route.serves.includes(k),
      )) {
        expectProblem(
          await api(method, path, { token: world[kind].token, body }),
          403,
          "forbidden",
        );
      }
      expect(await state()).toEqual(before);
    },
  );
});
