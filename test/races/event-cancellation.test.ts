import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as, bodyOf } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
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

    const res = await as(org.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { status: "cancelled" },
    });
    expect(await bodyOf(res, 200)).toMatchObject({
      status: "cancelled",
      bookedCount: 0,
      waitlistCount: 0,
    });
    const { active } = await expectLedgerAndD1Agree(event.id);
    expect(active).toEqual([]);
    const listed = await as(org.token).api.events[":id"].bookings.$get({
      param: { id: event.id },
      query: {},
    });
    expect((await bodyOf(listed, 200)).data.map((b) => b.status)).toEqual([
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

    const res = await as(org.token).api.events[":id"].$delete({ param: { id: event.id } });
    await bodyOf(res, 200);
    const told = await eventually(
      () => farewells(event.id, ids),
      (rows) => rows.length >= ids.length,
    );
    expect(told).toHaveLength(ids.length);
    expect(told).toEqual(toldOnce(ids));
  });
});
