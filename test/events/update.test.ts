import { describe, expect, it } from "vitest";
import { api, createEvent, expectProblem, registerOrganizer } from "../helpers";
import { expectFieldError, ISO_UTC, listOf, tick } from "./helpers";

describe.each(["PATCH", "PUT"])("%s /api/events/{id}", (method) => {
  it("updates only the given fields for the owner", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    await tick();
    const res = await api(method, `/api/events/${event.id}`, {
      token: organizer.token,
      body: { title: "Symfony Conference 2030", country: "be", capacity: 150 },
    });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...event,
      title: "Symfony Conference 2030",
      country: "BE",
      countryName: "Belgium",
      capacity: 150,
      availableSeats: 150,
      updatedAt: expect.stringMatching(ISO_UTC),
    });
    expect(res.body.updatedAt > event.updatedAt).toBe(true);
    expect((await api("GET", `/api/events/${event.id}`)).body).toEqual(res.body);
  });

  it("normalizes dates and may clear the description", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const res = await api(method, `/api/events/${event.id}`, {
      token: organizer.token,
      body: { endDate: "2030-05-01T20:00:00+02:00", description: null, status: "cancelled" },
    });
    expect(res.status).toBe(200);
    expect(res.body.endDate).toBe("2030-05-01T18:00:00.000Z");
    expect(res.body.description).toBeNull();
    expect(res.body.status).toBe("cancelled");
  });

  it("answers 403 forbidden to another organizer and changes nothing", async () => {
    const [owner, other] = [await registerOrganizer(), await registerOrganizer()];
    const event = await createEvent(owner.token);
    const res = await api(method, `/api/events/${event.id}`, {
      token: other.token,
      body: { title: "Hijacked" },
    });
    expectProblem(res, 403, "forbidden");
    expect((await api("GET", `/api/events/${event.id}`)).body).toEqual(event);
  });

  it("answers 404 event_not_found for an unknown event", async () => {
    const organizer = await registerOrganizer();
    for (const id of ["0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e", "x".repeat(300)]) {
      const res = await api(method, `/api/events/${id}`, {
        token: organizer.token,
        body: { title: "Nothing" },
      });
      expectProblem(res, 404, "event_not_found");
    }
  });

  it.each([
    ["an endDate before the stored startDate", { endDate: "2030-05-01T09:00:00" }],
    ["an endDate equal to the stored startDate", { endDate: "2030-05-01T10:00:00" }],
    ["a startDate after the stored endDate", { startDate: "2030-05-02T10:00:00" }],
    ["a startDate equal to the stored endDate", { startDate: "2030-05-01T18:00:00" }],
    ["both dates reversed", { startDate: "2030-06-01T18:00:00", endDate: "2030-06-01T10:00:00" }],
  ])("refuses %s with 422 on endDate and changes nothing", async (_, body) => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const res = await api(method, `/api/events/${event.id}`, { token: organizer.token, body });
    expectFieldError(res, "endDate");
    expect((await api("GET", `/api/events/${event.id}`)).body).toEqual(event);
  });

  it("accepts moving both dates together past the stored ones", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const res = await api(method, `/api/events/${event.id}`, {
      token: organizer.token,
      body: { startDate: "2031-01-01T10:00:00", endDate: "2031-01-01T12:00:00" },
    });
    expect(res.status).toBe(200);
    expect(res.body.startDate).toBe("2031-01-01T10:00:00.000Z");
    expect(res.body.endDate).toBe("2031-01-01T12:00:00.000Z");
  });

  it.each([
    ["an empty body", {}],
    ["only unknown fields", { colour: "blue" }],
    ["capacity 0", { capacity: 0 }],
    ["an unknown country", { country: "XX" }],
    ["an empty title", { title: "" }],
    ["an invalid date", { startDate: "2026-02-30T10:00:00" }],
  ])("refuses %s with 422 and changes nothing", async (_, body) => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const res = await api(method, `/api/events/${event.id}`, { token: organizer.token, body });
    expectProblem(res, 422, "validation_failed");
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect((await api("GET", `/api/events/${event.id}`)).body).toEqual(event);
  });
});

describe("DELETE /api/events/{id}", () => {
  it("deletes the owner's event; it is gone afterwards", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const res = await api("DELETE", `/api/events/${event.id}`, { token: organizer.token });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: "Event deleted" });
    expectProblem(await api("GET", `/api/events/${event.id}`), 404, "event_not_found");
    expect((await listOf({ organizerId: organizer.id })).pagination.total).toBe(0);
    expectProblem(
      await api("DELETE", `/api/events/${event.id}`, { token: organizer.token }),
      404,
      "event_not_found",
    );
    expectProblem(
      await api("DELETE", `/api/events/${"x".repeat(300)}`, { token: organizer.token }),
      404,
      "event_not_found",
    );
  });

  it("answers 403 forbidden to another organizer and keeps the event", async () => {
    const [owner, other] = [await registerOrganizer(), await registerOrganizer()];
    const event = await createEvent(owner.token);
    const res = await api("DELETE", `/api/events/${event.id}`, { token: other.token });
    expectProblem(res, 403, "forbidden");
    expect((await api("GET", `/api/events/${event.id}`)).body).toEqual(event);
  });
});
