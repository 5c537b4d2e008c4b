import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createEvent, registerOrganizer } from "../helpers";
import { eventually } from "../notifications/helpers";
import { expectLedgerAndD1Agree } from "./departure";
import { attendeesFor, book } from "./invariants";

/** What each attendee was told about the end of their booking, by type. */
const farewells = async (eventId: string, attendeeIds: readonly string[]) => {
  const { results } = await env.DB.prepare(
    `SELECT attendee_id, type FROM notifications
     WHERE event_id = ? AND type IN ('event.cancelled', 'booking.cancelled')
       AND attendee_id IN (SELECT value FROM json_each(?))`,
  )
    .bind(eventId, JSON.stringify(attendeeIds))
    .all<{ attendee_id: string; type: string }>();
  return results;
};

const toldOnce = (ids: readonly string[]) =>
  expect.arrayContaining(ids.map((id) => ({ attendee_id: id, type: "event.cancelled" })));

describe("cancelling an event", () => {
  it("cancels every active booking and tells each attendee once that the event is cancelled", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 2, waitlistEnabled: true });
    const buyers = await attendeesFor(3);
    for (const b of buyers) expect((await book(event.id, b)).status).toBe(201);
    const ids = buyers.map((b) => b.id);

    const res = await api("PATCH", `/api/events/${event.id}`, {
      token: org.token,
      body: { status: "cancelled" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", bookedCount: 0, waitlistCount: 0 });
    const { active } = await expectLedgerAndD1Agree(event.id);
    expect(active).toEqual([]);
    const listed = await api("GET", `/api/events/${event.id}/bookings`, { token: org.token });
    expect(listed.body.data.map((b: { status: string }) => b.status)).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
    ]);

    const told = await eventually(
      () => farewells(event.id, ids),
      (rows) => rows.length >= ids.length,
    );
    expect(told).toHaveLength(ids.length);
    expect(told).toEqual(toldOnce(ids));
  });
});

describe("deleting an event", () => {
  it("tells every attendee who held a seat or a waitlist place", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 1, waitlistEnabled: true });
    const buyers = await attendeesFor(2);
    for (const b of buyers) expect((await book(event.id, b)).status).toBe(201);
    const ids = buyers.map((b) => b.id);

    const res = await api("DELETE", `/api/events/${event.id}`, { token: org.token });
    expect(res.status).toBe(200);
    const told = await eventually(
      () => farewells(event.id, ids),
      (rows) => rows.length >= ids.length,
    );
    expect(told).toHaveLength(ids.length);
    expect(told).toEqual(toldOnce(ids));
  });
});
