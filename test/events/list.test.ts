import { describe, expect, it } from "vitest";
import { anyone, bodyOf, raw } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { expectFieldError, listOf, tick, titlesOf } from "./helpers";

describe("GET /api/events", () => {
  it("paginates with limit 20 and offset 0 by default", async () => {
    const organizer = await registerOrganizer();
    for (let i = 0; i < 21; i++) await createEvent(organizer.token, { title: `Event ${i}` });

    const page = await listOf({ organizerId: organizer.id });
    expect(page.pagination).toEqual({ limit: 20, offset: 0, total: 21 });
    expect(page.data).toHaveLength(20);

    const everything = await bodyOf(await anyone.api.events.$get({ query: {} }), 200);
    expect(everything.pagination).toMatchObject({ limit: 20, offset: 0 });
    expect(everything.pagination.total).toBeGreaterThanOrEqual(21);
    expect(everything.data).toHaveLength(20);
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
    // Malformed on purpose: no typed call can send these.
    await expectFieldError(await raw("GET", `/api/events?${query}`), path);
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
