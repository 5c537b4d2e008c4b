import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, expectProblem, raw } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { ISO_UTC, listOf, tick } from "./helpers";

type EventChange = Parameters<ReturnType<typeof as>["api"]["events"][":id"]["$patch"]>[0]["json"];

const eventById = (id: string) => anyone.api.events[":id"].$get({ param: { id } });
const storedEvent = async (id: string) => bodyOf(await eventById(id), 200);

describe.each(["PATCH", "PUT"] as const)("%s /api/events/{id}", (method) => {
  /** The same partial change through either verb: both are partial updates. */
  const change = (token: string, id: string, json: EventChange) => {
    const route = as(token).api.events[":id"];
    return method === "PATCH"
      ? route.$patch({ param: { id }, json })
      : route.$put({ param: { id }, json });
  };

  it("updates only the given fields for the owner", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    await tick();
    const res = await change(organizer.token, event.id, {
      title: "Symfony Conference 2030",
      country: "be",
      capacity: 150,
    });

    const changed = await bodyOf(res, 200);
    expect(changed).toEqual({
      ...event,
      title: "Symfony Conference 2030",
      country: "BE",
      countryName: "Belgium",
      capacity: 150,
      availableSeats: 150,
      updatedAt: expect.stringMatching(ISO_UTC),
      ticketTypes: [{ ...event.ticketTypes[0], availableSeats: 150 }],
    });
    expect(changed.updatedAt > event.updatedAt).toBe(true);
    expect(await storedEvent(event.id)).toEqual(changed);
  });

  it("normalizes dates and may clear the description", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const res = await change(organizer.token, event.id, {
      endDate: "2030-05-01T20:00:00+02:00",
      description: null,
      status: "cancelled",
    });
    const changed = await bodyOf(res, 200);
    expect(changed.endDate).toBe("2030-05-01T18:00:00.000Z");
    expect(changed.description).toBeNull();
    expect(changed.status).toBe("cancelled");
  });

  it("answers 403 forbidden to another organizer and changes nothing", async () => {
    const [owner, other] = [await registerOrganizer(), await registerOrganizer()];
    const event = await createEvent(owner.token);
    const res = await change(other.token, event.id, { title: "Hijacked" });
    await expectProblem(res, 403, "forbidden");
    expect(await storedEvent(event.id)).toEqual(event);
  });

  it("answers 404 event_not_found for an unknown event", async () => {
    const organizer = await registerOrganizer();
    for (const id of ["0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e", "x".repeat(300)]) {
      const res = await change(organizer.token, id, { title: "Nothing" });
      await expectProblem(res, 404, "event_not_found");
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
    const res = await change(organizer.token, event.id, body);
    const problem = await expectProblem(res, 422, "validation_failed");
    expect(problem.errors?.map((e) => e.path)).toContain("endDate");
    expect(await storedEvent(event.id)).toEqual(event);
  });

  it("accepts moving both dates together past the stored ones", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const res = await change(organizer.token, event.id, {
      startDate: "2031-01-01T10:00:00",
      endDate: "2031-01-01T12:00:00",
    });
    const changed = await bodyOf(res, 200);
    expect(changed.startDate).toBe("2031-01-01T10:00:00.000Z");
    expect(changed.endDate).toBe("2031-01-01T12:00:00.000Z");
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
    // Bodies the contract refuses: the untyped way in sends them as they are.
    const res = await raw(method, `/api/events/${event.id}`, { token: organizer.token, body });
    const problem = await expectProblem(res, 422, "validation_failed");
    expect(problem.errors?.length).toBeGreaterThan(0);
    expect(await storedEvent(event.id)).toEqual(event);
  });
});

describe("DELETE /api/events/{id}", () => {
  it("deletes the owner's event; it is gone afterwards", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const remove = (id: string) => as(organizer.token).api.events[":id"].$delete({ param: { id } });
    expect(await bodyOf(await remove(event.id), 200)).toEqual({ message: "Event deleted" });
    await expectProblem(await eventById(event.id), 404, "event_not_found");
    expect((await listOf({ organizerId: organizer.id })).pagination.total).toBe(0);
    await expectProblem(await remove(event.id), 404, "event_not_found");
    await expectProblem(await remove("x".repeat(300)), 404, "event_not_found");
  });

  it("answers 403 forbidden to another organizer and keeps the event", async () => {
    const [owner, other] = [await registerOrganizer(), await registerOrganizer()];
    const event = await createEvent(owner.token);
    const res = await as(other.token).api.events[":id"].$delete({ param: { id: event.id } });
    await expectProblem(res, 403, "forbidden");
    expect(await storedEvent(event.id)).toEqual(event);
  });
});
