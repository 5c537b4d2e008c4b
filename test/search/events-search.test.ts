import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { anyone, as, bodyOf, expectProblem } from "../client";
import { createEvent, registerAttendee, registerOrganizer, unique } from "../helpers";

const search = (q: string, organizerId: string) =>
  anyone.api.events.$get({ query: { q, organizerId } });

const titlesFound = async (q: string, organizerId: string) =>
  (await bodyOf(await search(q, organizerId), 200)).data.map((e) => e.title).sort();

describe("GET /api/events?q=", () => {
  it("folds case and accents beyond ASCII, both in q and in titles", async () => {
    const organizer = await registerOrganizer();
    await createEvent(organizer.token, { title: "Été musical" });
    await createEvent(organizer.token, { title: "Straße der Musik" });
    await createEvent(organizer.token, { title: "ΟΔΟΣ Festival" });
    await createEvent(organizer.token, { title: "Summer music" });

    expect(await titlesFound("ÉTÉ", organizer.id)).toEqual(["Été musical"]);
    expect(await titlesFound("été musical", organizer.id)).toEqual(["Été musical"]);
    expect(await titlesFound("ete MUSICAL", organizer.id)).toEqual(["Été musical"]);
    expect(await titlesFound("STRASSE", organizer.id)).toEqual(["Straße der Musik"]);
    expect(await titlesFound("οδοσ", organizer.id)).toEqual(["ΟΔΟΣ Festival"]);
    expect(await titlesFound("musi", organizer.id)).toEqual([
      "Straße der Musik",
      "Summer music",
      "Été musical",
    ]);
  });

  it("answers 200 at D1's pattern limits: 49+ ASCII, 25 %, 13 emoji, 200 characters", async () => {
    const organizer = await registerOrganizer();
    const long = "a".repeat(60);
    const emoji = "🎉".repeat(13);
    const percent = "%".repeat(25);
    await createEvent(organizer.token, { title: `${long} fest` });
    await createEvent(organizer.token, { title: `Party ${emoji}` });
    await createEvent(organizer.token, { title: `Discount ${percent}` });

    expect(await titlesFound("a".repeat(49), organizer.id)).toEqual([`${long} fest`]);
    expect(await titlesFound(`${"A".repeat(60)} FEST`, organizer.id)).toEqual([`${long} fest`]);
    expect(await titlesFound(percent, organizer.id)).toEqual([`Discount ${percent}`]);
    expect(await titlesFound(emoji, organizer.id)).toEqual([`Party ${emoji}`]);
    expect(await titlesFound("x".repeat(200), organizer.id)).toEqual([]);
    expect(await titlesFound("🎉".repeat(200), organizer.id)).toEqual([]);
    expect(await titlesFound("é".repeat(200), organizer.id)).toEqual([]);
  });

  it("answers 200 for any text, and 422 past 200 characters", async () => {
    const organizer = await registerOrganizer();
    for (const q of [" ", "\u0301", "\u0000", "'; DROP TABLE events; --", "\\%_*?[]", "�"]) {
      expect((await search(q, organizer.id)).status).toBe(200);
    }
    const res = await search("x".repeat(201), organizer.id);
    const problem = await expectProblem(res, 422, "validation_failed");
    expect(problem.errors).toEqual([{ path: "q", message: expect.any(String) }]);
  });

  it("keeps the folded title current when the title changes", async () => {
    const organizer = await registerOrganizer();
    const tag = unique("Tag").replaceAll("-", "");
    const event = await createEvent(organizer.token, { title: `Old ${tag}` });
    const patched = await as(organizer.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { title: `Ñandú Çà ${tag}` },
    });
    expect(patched.status).toBe(200);
    expect(await titlesFound("old", organizer.id)).toEqual([]);
    expect(await titlesFound("nandu ca", organizer.id)).toEqual([`Ñandú Çà ${tag}`]);
    const row = await env.DB.prepare("SELECT title_folded FROM events WHERE id = ?")
      .bind(event.id)
      .first<{ title_folded: string }>();
    expect(row?.title_folded).toBe(`nandu ca ${tag.toLowerCase()}`);
  });
});

describe("rows written before the folded columns existed", () => {
  it("are found by ASCII case at once, and with accents once the cron folds them", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { title: "Été Legacy" });
    const attendee = await registerAttendee("Zoé Legacy");
    await env.DB.batch([
      env.DB.prepare("UPDATE events SET title_folded = NULL WHERE id = ?").bind(event.id),
      env.DB.prepare("UPDATE attendees SET name_folded = NULL WHERE id = ?").bind(attendee.id),
    ]);
    expect(await titlesFound("LEGACY", organizer.id)).toEqual(["Été Legacy"]);
    expect(await titlesFound("ete legacy", organizer.id)).toEqual([]);

    const controller = createScheduledController({
      scheduledTime: new Date(),
      cron: "*/10 * * * *",
    });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);

    expect(await titlesFound("ete legacy", organizer.id)).toEqual(["Été Legacy"]);
    const folded = await env.DB.prepare("SELECT name_folded FROM attendees WHERE id = ?")
      .bind(attendee.id)
      .first<{ name_folded: string }>();
    expect(folded?.name_folded).toBe("zoe legacy");
  });
});
