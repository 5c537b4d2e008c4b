import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, expectProblem, raw } from "../client";
import { createEvent, eventInput, registerOrganizer } from "../helpers";
import { expectFieldError, ISO_UTC, listOf } from "./helpers";

describe("POST /api/events", () => {
  it("creates an event: 201, Location and the full Event", async () => {
    const organizer = await registerOrganizer();
    const res = await as(organizer.token).api.events.$post({
      json: {
        title: "Symfony Conference",
        description: "Learn about Symfony",
        country: "FR",
        startDate: "2030-05-01T10:00:00",
        endDate: "2030-05-01T18:00:00",
        capacity: 100,
      },
    });

    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const created = await bodyOf(res, 201);
    expect(res.headers.get("location")).toBe(`/api/events/${created.id}`);
    expect(created).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      title: "Symfony Conference",
      description: "Learn about Symfony",
      country: "FR",
      countryName: "France",
      startDate: "2030-05-01T10:00:00.000Z",
      endDate: "2030-05-01T18:00:00.000Z",
      capacity: 100,
      bookedCount: 0,
      heldSeats: 0,
      availableSeats: 100,
      waitlistEnabled: false,
      waitlistCount: 0,
      maxSeatsPerBooking: 10,
      holdMinutes: 15,
      price: 0,
      currency: null,
      salesStartAt: null,
      salesEndAt: null,
      queueEnabled: false,
      admitPerMinute: 600,
      interestCount: 0,
      status: "scheduled",
      organizerId: organizer.id,
      createdAt: expect.stringMatching(ISO_UTC),
      updatedAt: expect.stringMatching(ISO_UTC),
      ticketTypes: [
        {
          id: expect.any(String),
          eventId: created.id,
          name: "General admission",
          description: null,
          price: 0,
          currency: null,
          quota: null,
          soldSeats: 0,
          heldSeats: 0,
          availableSeats: 100,
          hidden: false,
          salesStartAt: null,
          salesEndAt: null,
          minPerBooking: 1,
          maxPerBooking: 10,
          position: 0,
          createdAt: created.createdAt,
          updatedAt: created.createdAt,
        },
      ],
      priceFrom: 0,
    });

    const stored = await anyone.api.events[":id"].$get({ param: { id: created.id } });
    expect(await bodyOf(stored, 200)).toEqual(created);
  });

  it("keeps waitlistEnabled, status and a missing description as given", async () => {
    const organizer = await registerOrganizer();
    const res = await as(organizer.token).api.events.$post({
      json: {
        title: "Symfony Conference",
        country: "FR",
        startDate: "2030-05-01T10:00:00",
        endDate: "2030-05-01T18:00:00",
        capacity: 100,
        waitlistEnabled: true,
        status: "cancelled",
      },
    });
    const created = await bodyOf(res, 201);
    expect(created.waitlistEnabled).toBe(true);
    expect(created.status).toBe("cancelled");
    expect(created.description).toBeNull();
  });

  it("accepts a lower-case country and stores it upper-cased", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { country: "de" });
    expect(event.country).toBe("DE");
    expect(event.countryName).toBe("Germany");
  });

  it.each(["XX", "FRA", "", "F1"])(
    "refuses the country %j with 422 on country",
    async (country) => {
      const organizer = await registerOrganizer();
      const res = await raw("POST", "/api/events", {
        token: organizer.token,
        body: eventInput({ country }),
      });
      await expectFieldError(res, "country");
    },
  );

  it.each([
    ["equal to", "2030-05-01T10:00:00"],
    ["before", "2030-05-01T09:00:00"],
    ["the same instant written with an offset as", "2030-05-01T12:00:00+02:00"],
  ])("refuses an endDate %s startDate with 422 on endDate", async (_, endDate) => {
    const organizer = await registerOrganizer();
    const res = await raw("POST", "/api/events", {
      token: organizer.token,
      body: eventInput({ startDate: "2030-05-01T10:00:00", endDate }),
    });
    await expectFieldError(res, "endDate");
  });

  it.each([
    ["capacity 0", { capacity: 0 }, "capacity"],
    ["capacity 100001", { capacity: 100_001 }, "capacity"],
    ["a fractional capacity", { capacity: 1.5 }, "capacity"],
    ["a string capacity", { capacity: "10" }, "capacity"],
    ["an empty title", { title: "" }, "title"],
    ["a blank title", { title: "   " }, "title"],
    ["a 201-character title", { title: "t".repeat(201) }, "title"],
    ["a 5001-character description", { description: "d".repeat(5001) }, "description"],
    ["an unknown status", { status: "postponed" }, "status"],
    ["a non-boolean waitlistEnabled", { waitlistEnabled: "yes" }, "waitlistEnabled"],
    ["an impossible date", { startDate: "2026-02-30T10:00:00" }, "startDate"],
    ["a date without time", { startDate: "2030-05-01" }, "startDate"],
    ["a non-date", { endDate: "tomorrow" }, "endDate"],
  ])("refuses %s with 422", async (_, overrides, path) => {
    const organizer = await registerOrganizer();
    const res = await raw("POST", "/api/events", {
      token: organizer.token,
      body: { ...eventInput(), ...overrides },
    });
    await expectFieldError(res, path);
    expect((await listOf({ organizerId: organizer.id })).pagination.total).toBe(0);
  });

  it.each(["title", "country", "startDate", "endDate", "capacity"])(
    "requires %s",
    async (field) => {
      const organizer = await registerOrganizer();
      const body: Record<string, unknown> = eventInput();
      delete body[field];
      await expectFieldError(
        await raw("POST", "/api/events", { token: organizer.token, body }),
        field,
      );
    },
  );

  it.each([
    ["capacity 1", { capacity: 1 }],
    ["capacity 100000", { capacity: 100_000 }],
    ["a 200-character title", { title: "t".repeat(200) }],
    ["a 5000-character description", { description: "d".repeat(5000) }],
  ])("accepts the boundary value %s", async (_, overrides) => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, overrides);
    expect(event).toMatchObject(overrides);
  });

  it("reads a date-time without offset as UTC and answers it with Z", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, {
      startDate: "2030-05-01T10:00:00",
      endDate: "2030-05-01T18:30",
    });
    expect(event.startDate).toBe("2030-05-01T10:00:00.000Z");
    expect(event.endDate).toBe("2030-05-01T18:30:00.000Z");
  });

  it("converts a date-time with an offset to UTC", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, {
      startDate: "2030-05-01T10:00:00+02:00",
      endDate: "2030-05-01T18:00:00.250-05:30",
    });
    expect(event.startDate).toBe("2030-05-01T08:00:00.000Z");
    expect(event.endDate).toBe("2030-05-01T23:30:00.250Z");
  });

  it("ignores organizerId and counters sent by the client", async () => {
    const [organizer, other] = [await registerOrganizer(), await registerOrganizer()];
    // Raw: fields the API does not take, sent on purpose.
    const res = await raw("POST", "/api/events", {
      token: organizer.token,
      body: {
        ...eventInput(),
        organizerId: other.id,
        bookedCount: 7,
        waitlistCount: 3,
        id: "chosen-by-client",
      },
    });
    expect(res.status).toBe(201);
    const event = res.body;
    expect(event.organizerId).toBe(organizer.id);
    expect(event.bookedCount).toBe(0);
    expect(event.waitlistCount).toBe(0);
    expect(event.availableSeats).toBe(100);
    expect(event.id).not.toBe("chosen-by-client");
  });
});

describe("GET /api/events/{id}", () => {
  it("answers the event to anyone, without a token", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const res = await anyone.api.events[":id"].$get({ param: { id: event.id } });
    expect(await bodyOf(res, 200)).toEqual(event);
  });

  it.each([
    ["a UUID", "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e"],
    ["a short id", "x"],
    ["a very long id", "x".repeat(300)],
  ])("answers 404 event_not_found for an unknown id (%s)", async (_, id) => {
    const res = await anyone.api.events[":id"].$get({ param: { id } });
    await expectProblem(res, 404, "event_not_found");
  });
});
