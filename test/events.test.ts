import { describe, expect, it } from "vitest";
import {
  api,
  createEvent,
  eventInput,
  expectProblem,
  registerAttendee,
  registerOrganizer,
  unique,
} from "./helpers";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Lets the clock move, so rows created one after another get distinct createdAt values. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

const listOf = async (query: Record<string, string | number>) => {
  const params = new URLSearchParams(
    Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
  );
  const res = await api("GET", `/api/events?${params}`);
  expect(res.status).toBe(200);
  return res.body as { data: any[]; pagination: { limit: number; offset: number; total: number } };
};

const titlesOf = (page: { data: any[] }) => page.data.map((event) => event.title);

const expectFieldError = (res: any, path: string) => {
  expectProblem(res, 422, "validation_failed");
  expect(res.body.errors.map((error: any) => error.path)).toContain(path);
};

describe("POST /api/events", () => {
  it("creates an event: 201, Location and the full Event", async () => {
    const organizer = await registerOrganizer();
    const res = await api("POST", "/api/events", { token: organizer.token, body: eventInput() });

    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("location")).toBe(`/api/events/${res.body.id}`);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      title: "Symfony Conference",
      description: "Learn about Symfony",
      country: "FR",
      countryName: "France",
      startDate: "2030-05-01T10:00:00.000Z",
      endDate: "2030-05-01T18:00:00.000Z",
      capacity: 100,
      bookedCount: 0,
      availableSeats: 100,
      waitlistEnabled: false,
      waitlistCount: 0,
      status: "scheduled",
      organizerId: organizer.id,
      createdAt: expect.stringMatching(ISO_UTC),
      updatedAt: expect.stringMatching(ISO_UTC),
    });

    const stored = await api("GET", res.headers.get("location") as string);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(res.body);
  });

  it("keeps waitlistEnabled, status and a missing description as given", async () => {
    const organizer = await registerOrganizer();
    const { description: _, ...withoutDescription } = eventInput();
    const res = await api("POST", "/api/events", {
      token: organizer.token,
      body: { ...withoutDescription, waitlistEnabled: true, status: "ongoing" },
    });
    expect(res.status).toBe(201);
    expect(res.body.waitlistEnabled).toBe(true);
    expect(res.body.status).toBe("ongoing");
    expect(res.body.description).toBeNull();
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
      const res = await api("POST", "/api/events", {
        token: organizer.token,
        body: eventInput({ country }),
      });
      expectFieldError(res, "country");
    },
  );

  it.each([
    ["equal to", "2030-05-01T10:00:00"],
    ["before", "2030-05-01T09:00:00"],
    ["the same instant written with an offset as", "2030-05-01T12:00:00+02:00"],
  ])("refuses an endDate %s startDate with 422 on endDate", async (_, endDate) => {
    const organizer = await registerOrganizer();
    const res = await api("POST", "/api/events", {
      token: organizer.token,
      body: eventInput({ startDate: "2030-05-01T10:00:00", endDate }),
    });
    expectFieldError(res, "endDate");
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
    const res = await api("POST", "/api/events", {
      token: organizer.token,
      body: eventInput(overrides),
    });
    expectFieldError(res, path);
    expect((await listOf({ organizerId: organizer.id })).pagination.total).toBe(0);
  });

  it.each(["title", "country", "startDate", "endDate", "capacity"])(
    "requires %s",
    async (field) => {
      const organizer = await registerOrganizer();
      const body: Record<string, unknown> = eventInput();
      delete body[field];
      expectFieldError(await api("POST", "/api/events", { token: organizer.token, body }), field);
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

  it("answers 401 without a token and creates nothing", async () => {
    const title = unique("no-token");
    const res = await api("POST", "/api/events", { body: eventInput({ title }) });
    expectProblem(res, 401, "unauthorized");
    expect((await listOf({ q: title })).pagination.total).toBe(0);
  });

  it("answers 403 for an attendee token and creates nothing", async () => {
    const attendee = await registerAttendee();
    const title = unique("attendee-create");
    const res = await api("POST", "/api/events", {
      token: attendee.token,
      body: eventInput({ title }),
    });
    expectProblem(res, 403, "forbidden");
    expect((await listOf({ q: title })).pagination.total).toBe(0);
  });

  it("ignores organizerId and counters sent by the client", async () => {
    const [organizer, other] = [await registerOrganizer(), await registerOrganizer()];
    const event = await createEvent(organizer.token, {
      organizerId: other.id,
      bookedCount: 7,
      waitlistCount: 3,
      id: "chosen-by-client",
    });
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
    const res = await api("GET", `/api/events/${event.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(event);
  });

  it.each([
    ["a UUID", "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e"],
    ["a short id", "x"],
    ["a very long id", "x".repeat(300)],
  ])("answers 404 event_not_found for an unknown id (%s)", async (_, id) => {
    expectProblem(await api("GET", `/api/events/${id}`), 404, "event_not_found");
  });
});

describe("GET /api/events", () => {
  it("paginates with limit 20 and offset 0 by default", async () => {
    const organizer = await registerOrganizer();
    for (let i = 0; i < 21; i++) await createEvent(organizer.token, { title: `Event ${i}` });

    const page = await listOf({ organizerId: organizer.id });
    expect(page.pagination).toEqual({ limit: 20, offset: 0, total: 21 });
    expect(page.data).toHaveLength(20);

    const everything = await api("GET", "/api/events");
    expect(everything.status).toBe(200);
    expect(everything.body.pagination).toMatchObject({ limit: 20, offset: 0 });
    expect(everything.body.pagination.total).toBeGreaterThanOrEqual(21);
    expect(everything.body.data).toHaveLength(20);
  });

  it("pages with limit and offset, covering every event once", async () => {
    const organizer = await registerOrganizer();
    for (let i = 0; i < 5; i++) {
      await createEvent(organizer.token, {
        title: `Paged ${i}`,
        startDate: `2030-0${i + 1}-01T10:00:00`,
        endDate: `2030-0${i + 1}-01T12:00:00`,
      });
    }
    const pages = [];
    for (const offset of [0, 2, 4]) {
      const page = await listOf({ organizerId: organizer.id, limit: 2, offset });
      expect(page.pagination).toEqual({ limit: 2, offset, total: 5 });
      pages.push(...titlesOf(page));
    }
    expect(pages).toEqual(["Paged 0", "Paged 1", "Paged 2", "Paged 3", "Paged 4"]);

    const past = await listOf({ organizerId: organizer.id, offset: 10 });
    expect(past.data).toEqual([]);
    expect(past.pagination).toEqual({ limit: 20, offset: 10, total: 5 });

    const widest = await listOf({ organizerId: organizer.id, limit: 100 });
    expect(widest.data).toHaveLength(5);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=abc", "limit"],
    ["limit=1.5", "limit"],
    ["offset=-1", "offset"],
    ["offset=abc", "offset"],
    ["sort=price", "sort"],
    ["order=up", "order"],
    ["country=XX", "country"],
    ["status=postponed", "status"],
    ["from=2026-02-30T10:00:00", "from"],
    ["to=soon", "to"],
  ])("refuses ?%s with 422 validation_failed", async (query, path) => {
    expectFieldError(await api("GET", `/api/events?${query}`), path);
  });

  it("filters by organizerId", async () => {
    const [mine, theirs] = [await registerOrganizer(), await registerOrganizer()];
    const a = await createEvent(mine.token, { title: "Mine" });
    await createEvent(theirs.token, { title: "Theirs" });

    const page = await listOf({ organizerId: mine.id });
    expect(page.data.map((event) => event.id)).toEqual([a.id]);
    expect(page.pagination.total).toBe(1);
  });

  it("filters by country, accepting lower case", async () => {
    const organizer = await registerOrganizer();
    await createEvent(organizer.token, { title: "In France", country: "FR" });
    await createEvent(organizer.token, { title: "In Germany", country: "DE" });

    const page = await listOf({ organizerId: organizer.id, country: "de" });
    expect(titlesOf(page)).toEqual(["In Germany"]);
    expect(page.pagination.total).toBe(1);
  });

  it("filters by status", async () => {
    const organizer = await registerOrganizer();
    await createEvent(organizer.token, { title: "Scheduled" });
    await createEvent(organizer.token, { title: "Cancelled", status: "cancelled" });

    const cancelled = await listOf({ organizerId: organizer.id, status: "cancelled" });
    expect(titlesOf(cancelled)).toEqual(["Cancelled"]);
    const scheduled = await listOf({ organizerId: organizer.id, status: "scheduled" });
    expect(titlesOf(scheduled)).toEqual(["Scheduled"]);
  });

  it("filters by from and to on startDate, both bounds included", async () => {
    const organizer = await registerOrganizer();
    for (const month of ["01", "02", "03"]) {
      await createEvent(organizer.token, {
        title: `Month ${month}`,
        startDate: `2030-${month}-10T10:00:00`,
        endDate: `2030-${month}-20T10:00:00`,
      });
    }
    const between = await listOf({
      organizerId: organizer.id,
      from: "2030-02-10T10:00:00",
      to: "2030-03-10T10:00:00Z",
    });
    expect(titlesOf(between)).toEqual(["Month 02", "Month 03"]);

    // The range applies to startDate only: January ends on the 20th but starts before `from`.
    const fromOnly = await listOf({ organizerId: organizer.id, from: "2030-01-15T00:00:00" });
    expect(titlesOf(fromOnly)).toEqual(["Month 02", "Month 03"]);

    // Offsets are honoured: 11:00+02:00 is 09:00Z, before February's 10:00Z start.
    const toOnly = await listOf({ organizerId: organizer.id, to: "2030-02-10T11:00:00+02:00" });
    expect(titlesOf(toOnly)).toEqual(["Month 01"]);
  });

  it("filters by q as a case-insensitive substring of the title", async () => {
    const organizer = await registerOrganizer();
    await createEvent(organizer.token, { title: "Symfony Conference" });
    await createEvent(organizer.token, { title: "Laravel Meetup" });
    await createEvent(organizer.token, { title: "SymfonyLive Paris" });

    const page = await listOf({ organizerId: organizer.id, q: "SYMFONY" });
    expect(titlesOf(page).sort()).toEqual(["Symfony Conference", "SymfonyLive Paris"]);
    expect(page.pagination.total).toBe(2);
    expect(titlesOf(await listOf({ organizerId: organizer.id, q: "meet" }))).toEqual([
      "Laravel Meetup",
    ]);
    // q matches the title only, not the description.
    expect((await listOf({ organizerId: organizer.id, q: "Learn" })).pagination.total).toBe(0);
  });

  it("matches % and _ in q literally", async () => {
    const organizer = await registerOrganizer();
    for (const title of ["100% fun", "100 fun", "snake_case", "snakeXcase", "back\\slash"]) {
      await createEvent(organizer.token, { title });
    }
    const byQ = async (q: string) => titlesOf(await listOf({ organizerId: organizer.id, q }));
    expect(await byQ("%")).toEqual(["100% fun"]);
    expect(await byQ("0% f")).toEqual(["100% fun"]);
    expect(await byQ("_")).toEqual(["snake_case"]);
    expect(await byQ("e_c")).toEqual(["snake_case"]);
    expect(await byQ("\\")).toEqual(["back\\slash"]);
  });

  describe("sorting", () => {
    // Four events whose order differs for every sort key and direction.
    const specs = [
      { title: "C", startDate: "2030-02-01T10:00:00", capacity: 40 },
      { title: "B", startDate: "2030-04-01T10:00:00", capacity: 10 },
      { title: "D", startDate: "2030-01-01T10:00:00", capacity: 20 },
      { title: "A", startDate: "2030-03-01T10:00:00", capacity: 30 },
    ];
    const expected: Record<string, number[]> = {
      createdAt: [0, 1, 2, 3],
      startDate: [2, 0, 3, 1],
      title: [3, 1, 0, 2],
      capacity: [1, 2, 3, 0],
    };

    const seed = async () => {
      const organizer = await registerOrganizer();
      const ids: string[] = [];
      for (const spec of specs) {
        const endDate = spec.startDate.replace("T10", "T12");
        ids.push((await createEvent(organizer.token, { ...spec, endDate })).id);
        await tick();
      }
      return { organizer, ids };
    };

    it.each(Object.keys(expected))("sorts by %s in both directions", async (sort) => {
      const { organizer, ids } = await seed();
      const order = expected[sort] as number[];
      const asc = await listOf({ organizerId: organizer.id, sort, order: "asc" });
      expect(asc.data.map((event) => event.id)).toEqual(order.map((i) => ids[i]));
      const desc = await listOf({ organizerId: organizer.id, sort, order: "desc" });
      expect(desc.data.map((event) => event.id)).toEqual(order.map((i) => ids[i]).reverse());
    });

    it("sorts by startDate ascending by default", async () => {
      const { organizer, ids } = await seed();
      const page = await listOf({ organizerId: organizer.id });
      expect(page.data.map((event) => event.id)).toEqual(
        (expected.startDate as number[]).map((i) => ids[i]),
      );
    });
  });
});

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

  it("answers 403 to an attendee and 401 without a token", async () => {
    const organizer = await registerOrganizer();
    const attendee = await registerAttendee();
    const event = await createEvent(organizer.token);
    const path = `/api/events/${event.id}`;
    const body = { title: "Changed" };
    expectProblem(await api(method, path, { token: attendee.token, body }), 403, "forbidden");
    expectProblem(await api(method, path, { body }), 401, "unauthorized");
    expect((await api("GET", path)).body).toEqual(event);
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

  it("answers 403 to an attendee and 401 without a token, keeping the event", async () => {
    const organizer = await registerOrganizer();
    const attendee = await registerAttendee();
    const event = await createEvent(organizer.token);
    const path = `/api/events/${event.id}`;
    expectProblem(await api("DELETE", path, { token: attendee.token }), 403, "forbidden");
    expectProblem(await api("DELETE", path), 401, "unauthorized");
    expect((await api("GET", path)).status).toBe(200);
  });
});
