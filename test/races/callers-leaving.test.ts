import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { expectLedgerAndD1Agree, settle } from "./departure";
import { attendeesFor, book } from "./invariants";

/**
 * 200 bookings in flight while 30 of their attendees delete their registration and the
 * organizer booking for 50 others changes their password: every answer is a 201 or a
 * refusal, every 201 of a caller still there shows in D1, and no refused request, nor any
 * booking of a departed attendee, keeps a seat.
 */
describe("callers leaving while their bookings are in flight", () => {
  it("answers every booking 201 or 401 and leaves no seat to a caller that is gone", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { capacity: 300 });
    const selfBookers = await attendeesFor(150);
    const bookedFor = await attendeesFor(50);
    const leavers = selfBookers.slice(0, 30);

    const own = selfBookers.map((attendee) => book(event.id, attendee));
    const forOthers = bookedFor.map((attendee) =>
      as(organizer.token).api.bookings.$post({
        json: { eventId: event.id, attendeeId: attendee.id },
        header: {},
      }),
    );
    const departures = leavers.map((attendee) =>
      as(attendee.token).api.attendees[":id"].$delete({ param: { id: attendee.id } }),
    );
    const passwordChange = as(organizer.token).api.auth.me.$patch({
      json: { password: "a new battery staple horse", currentPassword: "correct horse battery" },
    });
    const [answers, organizerAnswers, left, changed] = await Promise.all([
      Promise.all(own),
      Promise.all(forOthers),
      Promise.all(departures),
      passwordChange,
    ]);
    expect(changed.status).toBe(200);
    for (const res of left) expect([200, 202]).toContain(res.status);
    const statuses = [...answers, ...organizerAnswers].map((res) => res.status);
    for (const status of statuses) expect([201, 401]).toContain(status);

    await settle([event.id]);
    const { active } = await expectLedgerAndD1Agree(event.id);
    const activeOf = new Set(active.map((row) => row.attendee_id));
    const gone = new Set(leavers.map((a) => a.id));
    for (const id of gone) expect(activeOf.has(id)).toBe(false);
    const answered = [...selfBookers, ...bookedFor].map((attendee, i) => ({
      attendee,
      status: statuses[i],
    }));
    for (const { attendee, status } of answered) {
      if (gone.has(attendee.id)) continue;
      expect(activeOf.has(attendee.id), `${attendee.id} answered ${status}`).toBe(status === 201);
    }
    const stored = await env.DB.prepare(
      "SELECT count(*) AS n FROM attendees WHERE id IN (SELECT value FROM json_each(?))",
    )
      .bind(JSON.stringify([...gone]))
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });
});
