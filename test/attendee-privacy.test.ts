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
