import { beforeAll, describe, expect, it } from "vitest";
import { anyone, as, bodyOf, client, expectProblem } from "./client";
import { createEvent, eventInput, registerAttendee, registerOrganizer, unique } from "./helpers";

type Kind = "organizer" | "attendee";

/** One organizer's event, booked by one attendee who owns a device: every route has a target. */
type World = {
  organizer: { token: string };
  attendee: { id: string; token: string };
  event: { id: string; ticketTypes: { id: string }[] };
  booking: { id: string };
  device: { id: string };
  webhook: { id: string };
};

type Client = ReturnType<typeof client>;
type Call = (c: Client, w: World) => Promise<Parameters<typeof expectProblem>[0]>;

/**
 * Every route that needs a token, and who it serves; anyone else gets 403 forbidden. `route`
 * names it in the test titles, beside the typed call that reaches it.
 */
const ROUTES: { route: string; call: Call; serves: Kind[] }[] = [
  { route: "GET /api/auth/me", call: (c) => c.api.auth.me.$get(), serves: ["organizer"] },
  {
    route: "PATCH /api/auth/me",
    call: (c) => c.api.auth.me.$patch({ json: { name: PROBE } }),
    serves: ["organizer"],
  },
  { route: "DELETE /api/auth/me", call: (c) => c.api.auth.me.$delete(), serves: ["organizer"] },
  {
    route: "POST /api/notifications/stream-ticket",
    call: (c) => c.api.notifications["stream-ticket"].$post(),
    serves: ["attendee"],
  },
  {
    route: "POST /api/events",
    call: (c) => c.api.events.$post({ json: eventInput({ title: PROBE }) }),
    serves: ["organizer"],
  },
  {
    route: "PATCH /api/events/{id}",
    call: (c, w) =>
      c.api.events[":id"].$patch({ param: { id: w.event.id }, json: { title: PROBE } }),
    serves: ["organizer"],
  },
  {
    route: "PUT /api/events/{id}",
    call: (c, w) => c.api.events[":id"].$put({ param: { id: w.event.id }, json: { title: PROBE } }),
    serves: ["organizer"],
  },
  {
    route: "DELETE /api/events/{id}",
    call: (c, w) => c.api.events[":id"].$delete({ param: { id: w.event.id } }),
    serves: ["organizer"],
  },
  {
    route: "GET /api/events/{id}/bookings",
    call: (c, w) => c.api.events[":id"].bookings.$get({ param: { id: w.event.id }, query: {} }),
    serves: ["organizer"],
  },
  {
    route: "GET /api/attendees",
    call: (c) => c.api.attendees.$get({ query: {} }),
    serves: ["organizer"],
  },
  {
    route: "GET /api/attendees/{id}",
    call: (c, w) => c.api.attendees[":id"].$get({ param: { id: w.attendee.id } }),
    serves: ["attendee", "organizer"],
  },
  {
    route: "PATCH /api/attendees/{id}",
    call: (c, w) =>
      c.api.attendees[":id"].$patch({ param: { id: w.attendee.id }, json: { name: PROBE } }),
    serves: ["attendee"],
  },
  {
    route: "DELETE /api/attendees/{id}",
    call: (c, w) => c.api.attendees[":id"].$delete({ param: { id: w.attendee.id } }),
    serves: ["attendee"],
  },
  {
    route: "GET /api/attendees/{id}/bookings",
    call: (c, w) =>
      c.api.attendees[":id"].bookings.$get({ param: { id: w.attendee.id }, query: {} }),
    serves: ["attendee", "organizer"],
  },
  {
    route: "PUT /api/attendees/{id}/preferences",
    call: (c, w) =>
      c.api.attendees[":id"].preferences.$put({
        param: { id: w.attendee.id },
        json: { email: false, push: false, websocket: false },
      }),
    serves: ["attendee"],
  },
  {
    route: "POST /api/attendees/{id}/devices",
    call: (c, w) =>
      c.api.attendees[":id"].devices.$post({
        param: { id: w.attendee.id },
        json: { platform: "android", token: PROBE },
      }),
    serves: ["attendee"],
  },
  {
    route: "DELETE /api/attendees/{id}/devices/{deviceId}",
    call: (c, w) =>
      c.api.attendees[":id"].devices[":deviceId"].$delete({
        param: { id: w.attendee.id, deviceId: w.device.id },
      }),
    serves: ["attendee"],
  },
  {
    route: "GET /api/notifications",
    call: (c) => c.api.notifications.$get({ query: {} }),
    serves: ["attendee"],
  },
  {
    route: "GET /api/notifications/templates/booking.confirmed/preview",
    call: (c) =>
      c.api.notifications.templates[":type"].preview.$get({
        param: { type: "booking.confirmed" },
        query: {},
      }),
    serves: ["organizer"],
  },
  {
    route: "POST /api/bookings",
    call: (c, w) =>
      c.api.bookings.$post({
        header: {},
        json: { eventId: w.event.id, attendeeId: w.attendee.id },
      }),
    serves: ["attendee", "organizer"],
  },
  {
    route: "GET /api/bookings",
    call: (c) => c.api.bookings.$get({ query: {} }),
    serves: ["attendee", "organizer"],
  },
  {
    route: "GET /api/bookings/{id}",
    call: (c, w) => c.api.bookings[":id"].$get({ param: { id: w.booking.id } }),
    serves: ["attendee", "organizer"],
  },
  {
    route: "POST /api/bookings/{id}/confirm",
    call: (c, w) => c.api.bookings[":id"].confirm.$post({ param: { id: w.booking.id } }),
    serves: ["attendee", "organizer"],
  },
  {
    route: "POST /api/events/{id}/ticket-types",
    call: (c, w) =>
      c.api.events[":id"]["ticket-types"].$post({
        param: { id: w.event.id },
        json: { name: PROBE },
      }),
    serves: ["organizer"],
  },
  {
    route: "PATCH /api/events/{id}/ticket-types/{typeId}",
    call: (c, w) =>
      c.api.events[":id"]["ticket-types"][":typeId"].$patch({
        param: { id: w.event.id, typeId: w.event.ticketTypes[0]?.id ?? "" },
        json: { name: PROBE },
      }),
    serves: ["organizer"],
  },
  {
    route: "DELETE /api/events/{id}/ticket-types/{typeId}",
    call: (c, w) =>
      c.api.events[":id"]["ticket-types"][":typeId"].$delete({
        param: { id: w.event.id, typeId: w.event.ticketTypes[0]?.id ?? "" },
      }),
    serves: ["organizer"],
  },
  {
    route: "GET /api/events/{id}/promo-codes",
    call: (c, w) => c.api.events[":id"]["promo-codes"].$get({ param: { id: w.event.id } }),
    serves: ["organizer"],
  },
  {
    route: "POST /api/events/{id}/promo-codes",
    call: (c, w) =>
      c.api.events[":id"]["promo-codes"].$post({
        param: { id: w.event.id },
        json: { code: "REFUSED-1", kind: "unlock" },
      }),
    serves: ["organizer"],
  },
  {
    route: "DELETE /api/events/{id}/promo-codes/{codeId}",
    call: (c, w) =>
      c.api.events[":id"]["promo-codes"][":codeId"].$delete({
        param: { id: w.event.id, codeId: "any" },
      }),
    serves: ["organizer"],
  },
  {
    route: "DELETE /api/bookings/{id}",
    call: (c, w) => c.api.bookings[":id"].$delete({ param: { id: w.booking.id } }),
    serves: ["attendee", "organizer"],
  },
  {
    route: "POST /api/webhooks",
    call: (c) =>
      c.api.webhooks.$post({ json: { url: `https://hooks.test/ok/${PROBE}`, events: ["*"] } }),
    serves: ["organizer"],
  },
  {
    route: "GET /api/webhooks",
    call: (c) => c.api.webhooks.$get({ query: {} }),
    serves: ["organizer"],
  },
  {
    route: "GET /api/webhooks/{id}",
    call: (c, w) => c.api.webhooks[":id"].$get({ param: { id: w.webhook.id } }),
    serves: ["organizer"],
  },
  {
    route: "PATCH /api/webhooks/{id}",
    call: (c, w) =>
      c.api.webhooks[":id"].$patch({ param: { id: w.webhook.id }, json: { description: PROBE } }),
    serves: ["organizer"],
  },
  {
    route: "DELETE /api/webhooks/{id}",
    call: (c, w) => c.api.webhooks[":id"].$delete({ param: { id: w.webhook.id } }),
    serves: ["organizer"],
  },
  {
    route: "POST /api/webhooks/{id}/rotate-secret",
    call: (c, w) => c.api.webhooks[":id"]["rotate-secret"].$post({ param: { id: w.webhook.id } }),
    serves: ["organizer"],
  },
  {
    route: "GET /api/webhooks/{id}/deliveries",
    call: (c, w) =>
      c.api.webhooks[":id"].deliveries.$get({ param: { id: w.webhook.id }, query: {} }),
    serves: ["organizer"],
  },
  {
    route: "POST /api/webhooks/{id}/deliveries/{deliveryId}/retry",
    call: (c, w) =>
      c.api.webhooks[":id"].deliveries[":deliveryId"].retry.$post({
        param: { id: w.webhook.id, deliveryId: "any" },
      }),
    serves: ["organizer"],
  },
  {
    route: "POST /api/webhooks/{id}/test",
    call: (c, w) => c.api.webhooks[":id"].test.$post({ param: { id: w.webhook.id } }),
    serves: ["organizer"],
  },
  {
    route: "POST /api/events/{id}/queue",
    call: (c, w) => c.api.events[":id"].queue.$post({ param: { id: w.event.id } }),
    serves: ["attendee"],
  },
  {
    route: "GET /api/events/{id}/queue/{entryId}",
    call: (c, w) =>
      c.api.events[":id"].queue[":entryId"].$get({ param: { id: w.event.id, entryId: "any" } }),
    serves: ["attendee"],
  },
  {
    route: "GET /api/events/{id}/queue",
    call: (c, w) => c.api.events[":id"].queue.$get({ param: { id: w.event.id } }),
    serves: ["organizer"],
  },
];

/** Written by every refused call that could create or rename something; must never appear. */
const PROBE = unique("refused");

/** Tokens that authenticate nobody: none, an unknown attendee token, a forged JWT. */
const NOBODY: (string | undefined)[] = [undefined, "at_not-a-real-token", "not.a.jwt"];

let world: World;

/** Everything a refused call might have changed, read as its owners see it. */
const state = async () => {
  const { organizer, attendee, event, booking } = world;
  return Promise.all([
    bodyOf(await anyone.api.events[":id"].$get({ param: { id: event.id } }), 200),
    bodyOf(await as(attendee.token).api.attendees[":id"].$get({ param: { id: attendee.id } }), 200),
    bodyOf(await as(attendee.token).api.bookings[":id"].$get({ param: { id: booking.id } }), 200),
    bodyOf(await anyone.api.events.$get({ query: { q: PROBE } }), 200),
    bodyOf(
      await as(organizer.token).api.events[":id"]["promo-codes"].$get({ param: { id: event.id } }),
      200,
    ),
    bodyOf(
      await as(organizer.token).api.attendees[":id"].bookings.$get({
        param: { id: attendee.id },
        query: {},
      }),
      200,
    ),
    bodyOf(await as(organizer.token).api.webhooks.$get({ query: {} }), 200),
    bodyOf(
      await as(organizer.token).api.webhooks[":id"].deliveries.$get({
        param: { id: world.webhook.id },
        query: {},
      }),
      200,
    ),
  ]);
};

beforeAll(async () => {
  const organizer = await registerOrganizer();
  const attendee = await registerAttendee();
  const event = await createEvent(organizer.token, { capacity: 5 });
  const booking = await as(attendee.token).api.bookings.$post({
    header: {},
    json: { eventId: event.id, attendeeId: attendee.id },
  });
  const device = await as(attendee.token).api.attendees[":id"].devices.$post({
    param: { id: attendee.id },
    json: { platform: "ios", token: unique("device") },
  });
  expect([booking.status, device.status]).toEqual([201, 201]);
  const webhook = await as(organizer.token).api.webhooks.$post({
    json: { url: `https://hooks.test/ok/${unique("access")}`, events: ["booking.cancelled"] },
  });
  world = {
    organizer,
    attendee,
    event,
    webhook: await bodyOf(webhook, 201),
    booking: await bodyOf(booking, 201),
    device: await bodyOf(device, 201),
  };
});

describe("every route that needs a token", () => {
  it.each(ROUTES.map((route) => [route.route, route] as const))(
    "%s: 401 for nobody, 403 for callers it does not serve, and nothing changes",
    async (_route, route) => {
      const before = await state();
      for (const token of NOBODY) {
        await expectProblem(await route.call(client({ token }), world), 401, "unauthorized");
      }
      for (const kind of (["organizer", "attendee"] as const).filter(
        (k) => !route.serves.includes(k),
      )) {
        await expectProblem(await route.call(as(world[kind].token), world), 403, "forbidden");
      }
      expect(await state()).toEqual(before);
    },
  );
});
