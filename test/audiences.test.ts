import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, client, expectProblem } from "./client";
import { createEvent, registerAttendee, registerOrganizer } from "./helpers";
import { eventually } from "./notifications/helpers";

const follow = (token: string | undefined, id: string) =>
  client({ token }).api.organizers[":id"].follow.$post({ param: { id } });
const unfollow = (token: string, id: string) =>
  as(token).api.organizers[":id"].follow.$delete({ param: { id } });
const profileOf = async (id: string) =>
  bodyOf(await anyone.api.organizers[":id"].$get({ param: { id } }), 200);
const following = (token: string, id: string, query: { limit?: string } = {}) =>
  as(token).api.attendees[":id"].following.$get({ param: { id }, query });
const interest = (token: string, id: string) =>
  as(token).api.events[":id"].interest.$post({ param: { id } });
const interestCountOf = async (id: string) =>
  (await bodyOf(await anyone.api.events[":id"].$get({ param: { id } }), 200)).interestCount;
const deleteAttendee = (token: string, id: string) =>
  as(token).api.attendees[":id"].$delete({ param: { id } });

const notified = async (eventId: string, type: string) =>
  (
    await env.DB.prepare("SELECT attendee_id FROM notifications WHERE event_id = ? AND type = ?")
      .bind(eventId, type)
      .all<{ attendee_id: string }>()
  ).results.map((r) => r.attendee_id);

describe("organizers people follow", () => {
  it("shows a public profile with its counts, and 404 organizer_not_found for anyone else", async () => {
    const org = await registerOrganizer("Symfony Events Ltd");
    await createEvent(org.token);
    await createEvent(org.token);
    const fan = await registerAttendee();
    await follow(fan.token, org.id);
    const profile = await anyone.api.organizers[":id"].$get({ param: { id: org.id } });
    expect(profile.status).toBe(200);
    expect(await profile.json()).toEqual({
      id: org.id,
      name: "Symfony Events Ltd",
      createdAt: expect.any(String),
      eventCount: 2,
      followerCount: 1,
    });
    await expectProblem(
      await anyone.api.organizers[":id"].$get({ param: { id: "nobody" } }),
      404,
      "organizer_not_found",
    );
  });

  it("follows once (201, then 200), lists what an attendee follows, and unfollows", async () => {
    const org = await registerOrganizer("Org A");
    const other = await registerOrganizer("Org B");
    const fan = await registerAttendee();
    const first = await follow(fan.token, org.id);
    expect(first.headers.get("location")).toBe(`/api/organizers/${org.id}/follow`);
    const followed = await bodyOf(first, 201);
    expect(followed).toMatchObject({ organizerId: org.id, attendeeId: fan.id });
    const again = await follow(fan.token, org.id);
    expect((await bodyOf(again, 200)).createdAt).toBe(followed.createdAt);
    await follow(fan.token, other.id);

    const list = await bodyOf(await following(fan.token, fan.id, { limit: "1" }), 200);
    expect(list.pagination).toEqual({ limit: 1, offset: 0, total: 2 });
    expect(list.data[0]).toMatchObject({ id: other.id, name: "Org B", followerCount: 1 });
    // A follower sees the organizer's public profile, never their contact details.
    expect(list.data[0]).not.toHaveProperty("email");

    const gone = await unfollow(fan.token, org.id);
    expect(gone.status).toBe(200);
    expect((await profileOf(org.id)).followerCount).toBe(0);
    expect((await unfollow(fan.token, org.id)).status).toBe(200);
  });

  it("refuses strangers: no token, an organizer, another attendee, an unknown organizer", async () => {
    const org = await registerOrganizer();
    const fan = await registerAttendee();
    const nosy = await registerAttendee();
    await expectProblem(await follow(undefined, org.id), 401, "unauthorized");
    await expectProblem(await follow(org.token, org.id), 403, "forbidden");
    await expectProblem(await follow(fan.token, "nobody"), 404, "organizer_not_found");
    await expectProblem(await following(nosy.token, fan.id), 403, "forbidden");
    await expectProblem(
      await following(fan.token, fan.id, { limit: "0" }),
      422,
      "validation_failed",
    );
  });

  it("announces a new event to each follower once, and to nobody else", async () => {
    const org = await registerOrganizer();
    const fans = [await registerAttendee("Ana"), await registerAttendee("Ben")];
    const stranger = await registerAttendee("Cleo");
    for (const fan of fans) await follow(fan.token, org.id);
    const event = await createEvent(org.token, { title: "Symfony Live" });
    const told = await eventually(
      () => notified(event.id, "event.published"),
      (ids) => ids.length >= 2,
    );
    expect(told.sort()).toEqual(fans.map((f) => f.id).sort());
    // An edit is not a new publication.
    await as(org.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { title: "Symfony Live 2" },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await notified(event.id, "event.published")).sort()).toEqual(told.sort());
    expect(told).not.toContain(stranger.id);
  });

  it("drops follows with the attendee or the organizer", async () => {
    const org = await registerOrganizer();
    const fan = await registerAttendee();
    await follow(fan.token, org.id);
    await deleteAttendee(fan.token, fan.id);
    expect((await profileOf(org.id)).followerCount).toBe(0);
  });
});

describe("interest in an event", () => {
  it("records interest once, counts it on the event, lists it, and removes it", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const fan = await registerAttendee();
    const first = await interest(fan.token, event.id);
    expect(await bodyOf(first, 201)).toMatchObject({ eventId: event.id, attendeeId: fan.id });
    expect((await interest(fan.token, event.id)).status).toBe(200);
    expect(await interestCountOf(event.id)).toBe(1);

    const mine = await bodyOf(
      await as(fan.token).api.attendees[":id"].interests.$get({ param: { id: fan.id }, query: {} }),
      200,
    );
    expect(mine.pagination.total).toBe(1);
    expect(mine.data[0]).toMatchObject({ id: event.id, interestCount: 1 });

    expect(
      (await as(fan.token).api.events[":id"].interest.$delete({ param: { id: event.id } })).status,
    ).toBe(200);
    expect(await interestCountOf(event.id)).toBe(0);
  });

  it("keeps interestCount right under parallel requests and when an attendee is deleted", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const fans = await Promise.all(Array.from({ length: 8 }, () => registerAttendee()));
    await Promise.all(
      fans.flatMap((fan) => [interest(fan.token, event.id), interest(fan.token, event.id)]),
    );
    expect(await interestCountOf(event.id)).toBe(8);
    const [leaving] = fans;
    if (!leaving) expect.fail("no attendee registered");
    await deleteAttendee(leaving.token, leaving.id);
    expect(await interestCountOf(event.id)).toBe(7);
  });

  it("refuses an unknown or cancelled event, organizers and other attendees", async () => {
    const org = await registerOrganizer();
    const fan = await registerAttendee();
    await expectProblem(await interest(fan.token, "nope"), 404, "event_not_found");
    const cancelled = await createEvent(org.token, { status: "cancelled" });
    await expectProblem(await interest(fan.token, cancelled.id), 409, "event_not_bookable");
    await expectProblem(await interest(org.token, cancelled.id), 403, "forbidden");
    const other = await registerAttendee();
    await expectProblem(
      await as(other.token).api.attendees[":id"].interests.$get({
        param: { id: fan.id },
        query: {},
      }),
      403,
      "forbidden",
    );
  });
});
