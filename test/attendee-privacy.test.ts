import { describe, expect, it } from "vitest";
import {
  api,
  createEvent,
  expectProblem,
  organizerBookedBy,
  registerAttendee,
  registerOrganizer,
  unique,
} from "./helpers";

const idsListed = async (token: string, q?: string) => {
  const query = q ? `?${new URLSearchParams({ q })}` : "";
  const res = await api("GET", `/api/attendees${query}`, { token });
  expect(res.status).toBe(200);
  return { ids: res.body.data.map((a: any) => a.id).sort(), total: res.body.pagination.total };
};

describe("organizers see only the attendees of their own events", () => {
  it("lists those who hold or held a booking on the caller's events, nobody else", async () => {
    const tag = unique("Privacy").replaceAll("-", "");
    const [mine, cancelled, theirs] = [
      await registerAttendee(`${tag} Mine`),
      await registerAttendee(`${tag} Cancelled`),
      await registerAttendee(`${tag} Theirs`),
    ];
    const organizer = await organizerBookedBy(mine, cancelled);
    const rival = await organizerBookedBy(theirs);
    const stranger = await registerOrganizer();
    const booking = await api("GET", `/api/attendees/${cancelled.id}/bookings`, {
      token: cancelled.token,
    });
    const cancel = await api("DELETE", `/api/bookings/${booking.body.data[0].id}`, {
      token: cancelled.token,
    });
    expect(cancel.status).toBe(200);

    expect(await idsListed(organizer.token, tag)).toEqual({
      ids: [mine.id, cancelled.id].sort(),
      total: 2,
    });
    expect(await idsListed(organizer.token)).toEqual({
      ids: [mine.id, cancelled.id].sort(),
      total: 2,
    });
    expect(await idsListed(rival.token, tag)).toEqual({ ids: [theirs.id], total: 1 });
    expect(await idsListed(stranger.token)).toEqual({ ids: [], total: 0 });
  });

  it("answers 404 attendee_not_found for anyone else's attendee, 200 for one's own", async () => {
    const attendee = await registerAttendee();
    const organizer = await organizerBookedBy(attendee);
    const stranger = await registerOrganizer();
    await createEvent(stranger.token);
    const { token: _, ...expected } = attendee;

    const own = await api("GET", `/api/attendees/${attendee.id}`, { token: organizer.token });
    expect(own.status).toBe(200);
    expect(own.body).toEqual(expected);
    for (const path of [
      `/api/attendees/${attendee.id}`,
      `/api/attendees/${attendee.id}/bookings`,
    ]) {
      const res = await api("GET", path, { token: stranger.token });
      expectProblem(res, 404, "attendee_not_found");
      expect(JSON.stringify(res.body)).not.toContain(attendee.email);
    }
  });
});

describe("only an attendee's own bookings open their contact details", () => {
  const organizerWithEvent = async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { title: unique("Placed"), capacity: 10 });
    return { ...organizer, event };
  };

  const placeAsOrganizer = async (organizer: { token: string }, eventId: string, id: string) => {
    const res = await api("POST", "/api/bookings", {
      token: organizer.token,
      body: { eventId, attendeeId: id },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it("a booking the organizer placed shows them nothing, active or cancelled", async () => {
    const tag = unique("Placed").replaceAll("-", "");
    const attendee = await registerAttendee(`${tag} Target`);
    const organizer = await organizerWithEvent();
    const booking = await placeAsOrganizer(organizer, organizer.event.id, attendee.id);

    const expectHidden = async () => {
      const read = await api("GET", `/api/attendees/${attendee.id}`, { token: organizer.token });
      expectProblem(read, 404, "attendee_not_found");
      expect(JSON.stringify(read.body)).not.toContain(attendee.email);
      expect(await idsListed(organizer.token, tag)).toEqual({ ids: [], total: 0 });
      expect(await idsListed(organizer.token, attendee.email)).toEqual({ ids: [], total: 0 });
    };
    await expectHidden();
    const cancelled = await api("DELETE", `/api/bookings/${booking.id}`, {
      token: organizer.token,
    });
    expect(cancelled.status).toBe(200);
    await expectHidden();
  });

  it("the attendee's own booking of the same event opens them to its organizer", async () => {
    const attendee = await registerAttendee();
    const organizer = await organizerWithEvent();
    const placed = await placeAsOrganizer(organizer, organizer.event.id, attendee.id);
    await api("DELETE", `/api/bookings/${placed.id}`, { token: organizer.token });
    const own = await api("POST", "/api/bookings", {
      token: attendee.token,
      body: { eventId: organizer.event.id, attendeeId: attendee.id },
    });
    expect(own.status).toBe(201);

    const read = await api("GET", `/api/attendees/${attendee.id}`, { token: organizer.token });
    expect(read.status).toBe(200);
    expect(read.body.email).toBe(attendee.email);
    expect((await idsListed(organizer.token, attendee.email)).ids).toEqual([attendee.id]);
  });
});
