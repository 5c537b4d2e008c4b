import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, client, expectProblem, raw } from "./client";
import {
  clientAddress,
  createEvent,
  eventInput,
  registerAttendee,
  registerOrganizer,
} from "./helpers";

const PASSWORD = "correct horse battery";

const login = (email: string, password: string) =>
  client({ headers: { "CF-Connecting-IP": clientAddress() } }).api.auth.login.$post({
    json: { email, password },
  });

const tokenOf = async (email: string, password: string) =>
  (await bodyOf(await login(email, password), 200)).token;

const me = (token: string) => as(token).api.auth.me.$get();

const eventById = (id: string) => anyone.api.events[":id"].$get({ param: { id } });

const bookAs = (token: string, eventId: string, attendeeId: string) =>
  as(token).api.bookings.$post({ header: {}, json: { eventId, attendeeId } });

const eventBody = () => ({
  title: "Symfony Conference",
  country: "FR",
  startDate: "2030-05-01T10:00:00",
  endDate: "2030-05-01T18:00:00",
  capacity: 100,
});

/** Every kind of organizer route, each of which must refuse a dead token with 401. */
const organizerRoutes = (eventId: string, attendeeId: string) =>
  [
    ["GET", "/api/auth/me"],
    ["PATCH", "/api/auth/me", { name: "Renamed" }],
    ["DELETE", "/api/auth/me"],
    ["GET", "/api/attendees"],
    ["GET", `/api/attendees/${attendeeId}`],
    ["POST", "/api/events", eventInput()],
    ["PATCH", `/api/events/${eventId}`, { capacity: 5 }],
    ["DELETE", `/api/events/${eventId}`],
    ["GET", `/api/events/${eventId}/bookings`],
    ["GET", "/api/bookings"],
    ["POST", "/api/bookings", { eventId, attendeeId }],
    ["GET", "/api/notifications/templates/booking.confirmed/preview"],
  ] as const;

const expectRefusedEverywhere = async (token: string, eventId: string, attendeeId: string) => {
  // One table over every kind of route: the untyped way in serves them all alike.
  for (const [method, path, body] of organizerRoutes(eventId, attendeeId)) {
    const res = await raw(method, path, { token, ...(body ? { body } : {}) });
    expect([method, path, res.status, res.body?.code]).toEqual([method, path, 401, "unauthorized"]);
    expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
  }
};

describe("DELETE /api/auth/me", () => {
  it("deletes the account and its events; every token of it is refused everywhere", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    const booked = await bodyOf(await bookAs(attendee.token, event.id, attendee.id), 201);
    const second = await tokenOf(organizer.email, PASSWORD);

    const res = await as(organizer.token).api.auth.me.$delete();
    expect(await bodyOf(res, 200)).toEqual({ message: "Account deleted" });

    for (const token of [organizer.token, second]) {
      await expectRefusedEverywhere(token, event.id, attendee.id);
    }
    await expectProblem(await eventById(event.id), 404, "event_not_found");
    await expectProblem(
      await as(attendee.token).api.bookings[":id"].$get({ param: { id: booked.id } }),
      404,
      "booking_not_found",
    );
    await expectProblem(await login(organizer.email, PASSWORD), 401, "invalid_credentials");
    const user = await env.DB.prepare("SELECT id FROM users WHERE id = ?")
      .bind(organizer.id)
      .first();
    expect(user).toBeNull();
    const again = await client({
      headers: { "CF-Connecting-IP": clientAddress() },
    }).api.auth.register.$post({
      json: { name: "Back Again", email: organizer.email, password: PASSWORD },
    });
    expect(again.status).toBe(201);
  });

  it("never answers 500 to event creations racing the deletion, and leaves no event behind", async () => {
    const organizer = await registerOrganizer();
    await createEvent(organizer.token);
    const organizerClient = as(organizer.token);
    const creations = Array.from({ length: 12 }, () =>
      organizerClient.api.events.$post({ json: eventBody() }),
    );
    const [deleted, ...created] = await Promise.all([
      organizerClient.api.auth.me.$delete(),
      ...creations,
    ]);
    expect(deleted.status).toBe(200);
    for (const res of created) expect([201, 401]).toContain(res.status);
    for (const res of created) {
      if (res.status !== 201) continue;
      const { id } = await bodyOf(res, 201);
      await expectProblem(await eventById(id), 404, "event_not_found");
    }
    const left = await env.DB.prepare("SELECT count(*) AS n FROM events WHERE organizer_id = ?")
      .bind(organizer.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe("PATCH /api/auth/me", () => {
  it("changes the name without the current password", async () => {
    const organizer = await registerOrganizer();
    const res = await as(organizer.token).api.auth.me.$patch({ json: { name: "Renamed Events" } });
    const renamed = await bodyOf(res, 200);
    expect(renamed.user).toMatchObject({ id: organizer.id, name: "Renamed Events" });
    expect((await bodyOf(await me(organizer.token), 200)).user.name).toBe("Renamed Events");
  });

  it("requires the current password to change email or password: 401 invalid_credentials", async () => {
    const organizer = await registerOrganizer();
    const email = `new-${organizer.email}`;
    for (const body of [
      { email },
      { email, currentPassword: "wrong password" },
      { password: "another good password" },
      { password: "another good password", currentPassword: "wrong password" },
    ]) {
      const res = await as(organizer.token).api.auth.me.$patch({ json: body });
      await expectProblem(res, 401, "invalid_credentials");
    }
    expect((await bodyOf(await me(organizer.token), 200)).user.email).toBe(organizer.email);
    expect((await login(organizer.email, PASSWORD)).status).toBe(200);
  });

  it("changes the email with the current password; a taken email is 409 email_taken", async () => {
    const [organizer, other] = [await registerOrganizer(), await registerOrganizer()];
    const account = as(organizer.token).api.auth.me;
    const taken = await account.$patch({
      json: { email: other.email.toUpperCase(), currentPassword: PASSWORD },
    });
    await expectProblem(taken, 409, "email_taken");
    const email = `moved-${organizer.email}`;
    const res = await account.$patch({ json: { email, currentPassword: PASSWORD } });
    expect((await bodyOf(res, 200)).user.email).toBe(email);
    expect((await me(organizer.token)).status).toBe(200);
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it("refuses a body that changes nothing with 422", async () => {
    const organizer = await registerOrganizer();
    for (const body of [{}, { currentPassword: PASSWORD }, { password: "short" }]) {
      const res = await as(organizer.token).api.auth.me.$patch({ json: body });
      await expectProblem(res, 422, "validation_failed");
    }
  });

  it("a password change refuses every token issued before it, even in the same second", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    const sameSecond = await tokenOf(organizer.email, PASSWORD);
    const res = await as(organizer.token).api.auth.me.$patch({
      json: { password: "a brand new passphrase", currentPassword: PASSWORD },
    });
    expect(res.status).toBe(200);

    const fresh = await tokenOf(organizer.email, "a brand new passphrase");
    expect((await me(fresh)).status).toBe(200);
    for (const token of [organizer.token, sameSecond]) {
      const refused = await as(token).api.attendees.$get({ query: {} });
      await expectProblem(refused, 401, "unauthorized");
      const booking = await bookAs(token, event.id, attendee.id);
      await expectProblem(booking, 401, "unauthorized");
    }
    await expectProblem(await login(organizer.email, PASSWORD), 401, "invalid_credentials");
  });
});
