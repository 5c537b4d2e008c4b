import { describe, expect, it } from "vitest";
import { as, bodyOf } from "../client";
import { createEvent, registerAttendee, registerOrganizer, unique } from "../helpers";

/** An organizer whose event the given attendees booked, so they may search them. */
const organizerOf = async (...attendees: { id: string; token: string }[]) => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, { capacity: 50 });
  for (const attendee of attendees) {
    const res = await as(attendee.token).api.bookings.$post({
      header: {},
      json: { eventId: event.id, attendeeId: attendee.id },
    });
    expect(res.status).toBe(201);
  }
  return organizer;
};

const found = async (token: string, q: string) => {
  const res = await as(token).api.attendees.$get({ query: { q } });
  return (await bodyOf(res, 200)).data.map((a) => a.name).sort();
};

describe("GET /api/attendees?q=", () => {
  it("folds case and accents, matches name or email, at D1's pattern limits", async () => {
    const tag = unique("x").replaceAll("-", "");
    const zoe = await registerAttendee(`Zoé Ångström ${tag}`);
    const leo = await registerAttendee(`Léo ${"b".repeat(60)}`);
    const organizer = await organizerOf(zoe, leo);

    expect(await found(organizer.token, "ZOE ANGSTROM")).toEqual([zoe.name]);
    expect(await found(organizer.token, "zoé")).toEqual([zoe.name]);
    expect(await found(organizer.token, zoe.email.toUpperCase())).toEqual([zoe.name]);
    expect(await found(organizer.token, "B".repeat(49))).toEqual([leo.name]);
    expect(await found(organizer.token, "%".repeat(25))).toEqual([]);
    expect(await found(organizer.token, "🎉".repeat(13))).toEqual([]);
    expect(await found(organizer.token, "é".repeat(200))).toEqual([]);
  });
});
