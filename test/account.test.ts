import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  api,
  clientAddress,
  createEvent,
  eventInput,
  expectProblem,
  registerAttendee,
  registerOrganizer,
} from "./helpers";

const PASSWORD = "correct horse battery";

const login = (email: string, password: string) =>
  api("POST", "/api/auth/login", {
    body: { email, password },
    headers: { "CF-Connecting-IP": clientAddress() },
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
  for (const [method, path, body] of organizerRoutes(eventId, attendeeId)) {
    const res = await api(method, path, { token, ...(body ? { body } : {}) });
    expect([method, path, res.status, res.body?.code]).toEqual([method, path, 401, "unauthorized"]);
    expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
  }
};

describe("DELETE /api/auth/me", () => {
  it("deletes the account and its events; every token of it is refused everywhere", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    const booked = await api("POST", "/api/bookings", {
      token: attendee.token,
      body: { eventId: event.id, attendeeId: attendee.id },
    });
    expect(booked.status).toBe(201);
    const second = (await login(organizer.email, PASSWORD)).body.token;

    const res = await api("DELETE", "/api/auth/me", { token: organizer.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: "Account deleted" });

    for (const token of [organizer.token, second]) {
      await expectRefusedEverywhere(token, event.id, attendee.id);
    }
    expectProblem(await api("GET", `/api/events/${event.id}`), 404, "event_not_found");
    expectProblem(
      await api("GET", `/api/bookings/${booked.body.id}`, { token: attendee.token }),
      404,
      "booking_not_found",
    );
    expectProblem(await login(organizer.email, PASSWORD), 401, "invalid_credentials");
    const user = await env.DB.prepare("SELECT id FROM users WHERE id = ?")
      .bind(organizer.id)
      .first();
    expect(user).toBeNull();
    const again = await api("POST", "/api/auth/register", {
      body: { name: "Back Again", email: organizer.email, password: PASSWORD },
      headers: { "CF-Connecting-IP": clientAddress() },
    });
    expect(again.status).toBe(201);
  });

  it("never answers 500 to event creations racing the deletion, and leaves no event behind", async () => {
    const organizer = await registerOrganizer();
    await createEvent(organizer.token);
    const creations = Array.from({ length: 12 }, () =>
      api("POST", "/api/events", { token: organizer.token, body: eventInput() }),
    );
    const [deleted, ...created] = await Promise.all([
      api("DELETE", "/api/auth/me", { token: organizer.token }),
      ...creations,
    ]);
    expect(deleted.status).toBe(200);
    for (const res of created) expect([201, 401]).toContain(res.status);
    for (const res of created.filter((r) => r.status === 201)) {
      expectProblem(await api("GET", `/api/events/${res.body.id}`), 404, "event_not_found");
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
    const res = await api("PATCH", "/api/auth/me", {
      token: organizer.token,
      body: { name: "Renamed Events" },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: organizer.id, name: "Renamed Events" });
    const me = await api("GET", "/api/auth/me", { token: organizer.token });
    expect(me.body.user.name).toBe("Renamed Events");
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
      const res = await api("PATCH", "/api/auth/me", { token: organizer.token, body });
      expectProblem(res, 401, "invalid_credentials");
    }
    const me = await api("GET", "/api/auth/me", { token: organizer.token });
    expect(me.body.user.email).toBe(organizer.email);
    expect((await login(organizer.email, PASSWORD)).status).toBe(200);
  });

  it("changes the email with the current password; a taken email is 409 email_taken", async () => {
    const [organizer, other] = [await registerOrganizer(), await registerOrganizer()];
    const taken = await api("PATCH", "/api/auth/me", {
      token: organizer.token,
      body: { email: other.email.toUpperCase(), currentPassword: PASSWORD },
    });
    expectProblem(taken, 409, "email_taken");
    const email = `moved-${organizer.email}`;
    const res = await api("PATCH", "/api/auth/me", {
      token: organizer.token,
      body: { email, currentPassword: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(email);
    expect((await api("GET", "/api/auth/me", { token: organizer.token })).status).toBe(200);
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it("refuses a body that changes nothing with 422", async () => {
    const organizer = await registerOrganizer();
    for (const body of [{}, { currentPassword: PASSWORD }, { password: "short" }]) {
      const res = await api("PATCH", "/api/auth/me", { token: organizer.token, body });
      expectProblem(res, 422, "validation_failed");
    }
  });

  it("a password change refuses every token issued before it, even in the same second", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    const sameSecond = (await login(organizer.email, PASSWORD)).body.token;
    const res = await api("PATCH", "/api/auth/me", {
      token: organizer.token,
      body: { password: "a brand new passphrase", currentPassword: PASSWORD },
    });
    expect(res.status).toBe(200);

    const fresh = await login(organizer.email, "a brand new passphrase");
    expect(fresh.status).toBe(200);
    expect((await api("GET", "/api/auth/me", { token: fresh.body.token })).status).toBe(200);
    for (const token of [organizer.token, sameSecond]) {
      const refused = await api("GET", "/api/attendees", { token });
      expectProblem(refused, 401, "unauthorized");
      const booking = await api("POST", "/api/bookings", {
        token,
        body: { eventId: event.id, attendeeId: attendee.id },
      });
      expectProblem(booking, 401, "unauthorized");
    }
    expectProblem(await login(organizer.email, PASSWORD), 401, "invalid_credentials");
  });
});
