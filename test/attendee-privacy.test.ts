import { describe, expect, it } from "vitest";
import { as, bodyOf, expectProblem } from "./client";
import {
  createEvent,
  organizerBookedBy,
  registerAttendee,
  registerOrganizer,
  unique,
} from "./helpers";

const idsListed = async (token: string, q?: string) => {
  const res = await as(token).api.attendees.$get({ query: q ? { q } : {} });
  const page = await bodyOf(res, 200);
  return { ids: page.data.map((a) => a.id).sort(), total: page.pagination.total };
};

const cancel = async (token: string, id: string) =>
  bodyOf(await as(token).api.bookings[":id"].$delete({ param: { id } }), 200);

const book = async (token: string, eventId: string, attendeeId: string) =>
  bodyOf(await as(token).api.bookings.$post({ header: {}, json: { eventId, attendeeId } }), 201);

const attendeeAs = (token: string, id: string) =>
  as(token).api.attendees[":id"].$get({ param: { id } });

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
    const bookings = await as(cancelled.token).api.attendees[":id"].bookings.$get({
      param: { id: cancelled.id },
      query: {},
    });
    const [booking] = (await bodyOf(bookings, 200)).data;
    await cancel(cancelled.token, booking?.id ?? "");

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

    expect(await bodyOf(await attendeeAs(organizer.token, attendee.id), 200)).toEqual(expected);
    const param = { id: attendee.id };
    for (const res of [
      await attendeeAs(stranger.token, attendee.id),
      await as(stranger.token).api.attendees[":id"].bookings.$get({ param, query: {} }),
    ]) {
      const problem = await expectProblem(res, 404, "attendee_not_found");
      expect(JSON.stringify(problem)).not.toContain(attendee.email);
    }
  });
});

describe("only an attendee's own bookings open their contact details", () => {
  const organizerWithEvent = async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { title: unique("Placed"), capacity: 10 });
    return { ...organizer, event };
  };

  const placeAsOrganizer = (organizer: { token: string }, eventId: string, id: string) =>
    book(organizer.token, eventId, id);

  it("a booking the organizer placed shows them nothing, active or cancelled", async () => {
    const tag = unique("Placed").replaceAll("-", "");
    const attendee = await registerAttendee(`${tag} Target`);
    const organizer = await organizerWithEvent();
    const booking = await placeAsOrganizer(organizer, organizer.event.id, attendee.id);

    const expectHidden = async () => {
      const read = await attendeeAs(organizer.token, attendee.id);
      const problem = await expectProblem(read, 404, "attendee_not_found");
      expect(JSON.stringify(problem)).not.toContain(attendee.email);
      expect(await idsListed(organizer.token, tag)).toEqual({ ids: [], total: 0 });
      expect(await idsListed(organizer.token, attendee.email)).toEqual({ ids: [], total: 0 });
    };
    await expectHidden();
    await cancel(organizer.token, booking.id);
    await expectHidden();
  });

  it("the attendee's own booking of the same event opens them to its organizer", async () => {
    const attendee = await registerAttendee();
    const organizer = await organizerWithEvent();
    const placed = await placeAsOrganizer(organizer, organizer.event.id, attendee.id);
    await cancel(organizer.token, placed.id);
    await book(attendee.token, organizer.event.id, attendee.id);

    const read = await bodyOf(await attendeeAs(organizer.token, attendee.id), 200);
    expect(read.email).toBe(attendee.email);
    expect((await idsListed(organizer.token, attendee.email)).ids).toEqual([attendee.id]);
  });
});
