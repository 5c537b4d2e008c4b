import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, expectProblem } from "./client";
import { createEvent, eventInput, registerAttendee, registerOrganizer } from "./helpers";

const create = async (overrides: Record<string, unknown>) => {
  const organizer = await registerOrganizer();
  return as(organizer.token).api.events.$post({ json: eventInput(overrides) });
};

const expectFieldError = async (res: Parameters<typeof expectProblem>[0], path: string) => {
  const problem = await expectProblem(res, 422, "validation_failed");
  expect(problem.errors).toEqual([{ path, message: expect.any(String) }]);
  return problem;
};

describe("date-times fall in 1970..2099 after conversion to UTC", () => {
  it.each([
    ["9999-12-31T10:00:00Z", "endDate"],
    ["9999-12-31T23:00:00-02:00", "endDate"],
    ["2100-01-01T00:00:00Z", "endDate"],
    ["2099-12-31T23:30:00-01:00", "endDate"],
  ])("refuses endDate %s with 422", async (endDate, path) => {
    await expectFieldError(await create({ endDate }), path);
  });

  it.each([
    "0000-01-01T00:00:00Z",
    "0050-06-01T10:00:00Z",
    "0099-12-31T23:59:59Z",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:30:00+01:00",
  ])("refuses startDate %s with 422 naming the bound, not the format", async (startDate) => {
    const problem = await expectFieldError(await create({ startDate }), "startDate");
    expect(problem.errors?.[0]?.message).toMatch(/1970/);
  });

  it("accepts the last instant of 2099, written with an offset", async () => {
    const res = await create({
      startDate: "2099-12-31T20:00:00+02:00",
      endDate: "2100-01-01T00:59:59.999+01:00",
    });
    const event = await bodyOf(res, 201);
    expect(event.startDate).toBe("2099-12-31T18:00:00.000Z");
    expect(event.endDate).toBe("2099-12-31T23:59:59.999Z");
  });

  it("compares instants, not strings: an end written with a later-looking text can come first", async () => {
    const res = await create({
      startDate: "2030-05-01T10:00:00+00:00",
      endDate: "2030-05-01T11:00:00+02:00",
    });
    await expectFieldError(res, "endDate");
    // Once normalised, this start would have been "+010000-01-01T01:00:00.000Z", which sorts first.
    const beyond = await create({
      startDate: "9999-12-31T23:00:00-02:00",
      endDate: "9999-12-31T23:30:00Z",
    });
    await expectProblem(beyond, 422, "validation_failed");
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, {
      startDate: "2030-05-01T10:00:00Z",
      endDate: "2030-05-01T12:00:00Z",
    });
    const patched = await as(organizer.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { endDate: "2030-05-01T11:00:00+02:00" },
    });
    await expectFieldError(patched, "endDate");
  });

  it("refuses a range filter outside the bounds", async () => {
    const res = await anyone.api.events.$get({ query: { from: "2100-01-01T00:00:00Z" } });
    await expectFieldError(res, "from");
    const within = await anyone.api.events.$get({ query: { to: "2099-12-31T23:59:59Z" } });
    expect(within.status).toBe(200);
  });

  it("refuses a PATCH moving an event past 2099, and the event stays bookable", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const res = await as(organizer.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { startDate: "9999-12-31T10:00:00Z", endDate: "9999-12-31T12:00:00Z" },
    });
    await expectProblem(res, 422, "validation_failed");
    const attendee = await registerAttendee();
    const booking = await as(attendee.token).api.bookings.$post({
      header: {},
      json: { eventId: event.id, attendeeId: attendee.id },
    });
    expect(booking.status).toBe(201);
  });
});

describe("a new event starts in the future", () => {
  it("refuses a start in the past with 422 on startDate, and creates nothing", async () => {
    const organizer = await registerOrganizer();
    const past = new Date(Date.now() - 60_000).toISOString();
    const res = await as(organizer.token).api.events.$post({
      json: eventInput({ startDate: past, endDate: "2030-05-01T18:00:00Z" }),
    });
    await expectFieldError(res, "startDate");
    const listed = await anyone.api.events.$get({ query: { organizerId: organizer.id } });
    expect((await bodyOf(listed, 200)).pagination.total).toBe(0);
  });
});
