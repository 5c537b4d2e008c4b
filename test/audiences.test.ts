import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createEvent, expectProblem, registerAttendee, registerOrganizer } from "./helpers";
import { eventually } from "./notifications/helpers";

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
    await api("POST", `/api/organizers/${org.id}/follow`, { token: fan.token });
    const profile = await api("GET", `/api/organizers/${org.id}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual({
      id: org.id,
      name: "Symfony Events Ltd",
      createdAt: expect.any(String),
      eventCount: 2,
      followerCount: 1,
    });
    expectProblem(await api("GET", "/api/organizers/nobody"), 404, "organizer_not_found");
  });

  it("follows once (201, then 200), lists what an attendee follows, and unfollows", async () => {
    const org = await registerOrganizer("Org A");
    const other = await registerOrganizer("Org B");
    const fan = await registerAttendee();
    const first = await api("POST", `/api/organizers/${org.id}/follow`, { token: fan.token });
    expect(first.status).toBe(201);
    expect(first.headers.get("location")).toBe(`/api/organizers/${org.id}/follow`);
    expect(first.body).toMatchObject({ organizerId: org.id, attendeeId: fan.id });
    const again = await api("POST", `/api/organizers/${org.id}/follow`, { token: fan.token });
    expect(again.status).toBe(200);
    expect(again.body.createdAt).toBe(first.body.createdAt);
    await api("POST", `/api/organizers/${other.id}/follow`, { token: fan.token });

    const list = await api("GET", `/api/attendees/${fan.id}/following?limit=1`, {
      token: fan.token,
    });
    expect(list.status).toBe(200);
    expect(list.body.pagination).toEqual({ limit: 1, offset: 0, total: 2 });
    expect(list.body.data[0]).toMatchObject({ id: other.id, name: "Org B", followerCount: 1 });
    expect(list.body.data[0].email).toBeUndefined();

    const gone = await api("DELETE", `/api/organizers/${org.id}/follow`, { token: fan.token });
    expect(gone.status).toBe(200);
    expect((await api("GET", `/api/organizers/${org.id}`)).body.followerCount).toBe(0);
    expect(
      (await api("DELETE", `/api/organizers/${org.id}/follow`, { token: fan.token })).status,
    ).toBe(200);
  });

  it("refuses strangers: no token, an organizer, another attendee, an unknown organizer", async () => {
    const org = await registerOrganizer();
    const fan = await registerAttendee();
    const nosy = await registerAttendee();
    expectProblem(await api("POST", `/api/organizers/${org.id}/follow`), 401, "unauthorized");
    expectProblem(
      await api("POST", `/api/organizers/${org.id}/follow`, { token: org.token }),
      403,
      "forbidden",
    );
    expectProblem(
      await api("POST", "/api/organizers/nobody/follow", { token: fan.token }),
      404,
      "organizer_not_found",
    );
    expectProblem(
      await api("GET", `/api/attendees/${fan.id}/following`, { token: nosy.token }),
      403,
      "forbidden",
    );
    expectProblem(
      await api("GET", `/api/attendees/${fan.id}/following?limit=0`, { token: fan.token }),
      422,
      "validation_failed",
    );
  });

  it("announces a new event to each follower once, and to nobody else", async () => {
    const org = await registerOrganizer();
    const fans = [await registerAttendee("Ana"), await registerAttendee("Ben")];
    const stranger = await registerAttendee("Cleo");
    for (const fan of fans)
      await api("POST", `/api/organizers/${org.id}/follow`, { token: fan.token });
    const event = await createEvent(org.token, { title: "Symfony Live" });
    const told = await eventually(
      () => notified(event.id, "event.published"),
      (ids) => ids.length >= 2,
    );
    expect(told.sort()).toEqual(fans.map((f) => f.id).sort());
    // An edit is not a new publication.
    await api("PATCH", `/api/events/${event.id}`, {
      token: org.token,
      body: { title: "Symfony Live 2" },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await notified(event.id, "event.published")).sort()).toEqual(told.sort());
    expect(told).not.toContain(stranger.id);
  });

  it("drops follows with the attendee or the organizer", async () => {
    const org = await registerOrganizer();
    const fan = await registerAttendee();
    await api("POST", `/api/organizers/${org.id}/follow`, { token: fan.token });
    await api("DELETE", `/api/attendees/${fan.id}`, { token: fan.token });
    expect((await api("GET", `/api/organizers/${org.id}`)).body.followerCount).toBe(0);
  });
});

describe("interest in an event", () => {
  it("records interest once, counts it on the event, lists it, and removes it", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const fan = await registerAttendee();
    const first = await api("POST", `/api/events/${event.id}/interest`, { token: fan.token });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ eventId: event.id, attendeeId: fan.id });
    expect(
      (await api("POST", `/api/events/${event.id}/interest`, { token: fan.token })).status,
    ).toBe(200);
    expect((await api("GET", `/api/events/${event.id}`)).body.interestCount).toBe(1);

    const mine = await api("GET", `/api/attendees/${fan.id}/interests`, { token: fan.token });
    expect(mine.status).toBe(200);
    expect(mine.body.pagination.total).toBe(1);
    expect(mine.body.data[0]).toMatchObject({ id: event.id, interestCount: 1 });

    expect(
      (await api("DELETE", `/api/events/${event.id}/interest`, { token: fan.token })).status,
    ).toBe(200);
    expect((await api("GET", `/api/events/${event.id}`)).body.interestCount).toBe(0);
  });

  it("keeps interestCount right under parallel requests and when an attendee is deleted", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const fans = await Promise.all(Array.from({ length: 8 }, () => registerAttendee()));
    await Promise.all(
      fans.flatMap((fan) => [
        api("POST", `/api/events/${event.id}/interest`, { token: fan.token }),
        api("POST", `/api/events/${event.id}/interest`, { token: fan.token }),
      ]),
    );
    expect((await api("GET", `/api/events/${event.id}`)).body.interestCount).toBe(8);
    await api("DELETE", `/api/attendees/${fans[0]?.id}`, { token: fans[0]?.token });
    expect((await api("GET", `/api/events/${event.id}`)).body.interestCount).toBe(7);
  });

  it("refuses an unknown or cancelled event, organizers and other attendees", async () => {
    const org = await registerOrganizer();
    const fan = await registerAttendee();
    expectProblem(
      await api("POST", "/api/events/nope/interest", { token: fan.token }),
      404,
      "event_not_found",
    );
    const cancelled = await createEvent(org.token, { status: "cancelled" });
    expectProblem(
      await api("POST", `/api/events/${cancelled.id}/interest`, { token: fan.token }),
      409,
      "event_not_bookable",
    );
    expectProblem(
      await api("POST", `/api/events/${cancelled.id}/interest`, { token: org.token }),
      403,
      "forbidden",
    );
    const other = await registerAttendee();
    expectProblem(
      await api("GET", `/api/attendees/${fan.id}/interests`, { token: other.token }),
      403,
      "forbidden",
    );
  });
});
