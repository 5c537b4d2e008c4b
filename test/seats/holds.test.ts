import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { bookingOf } from "../bookings/helpers";
import { anyone, as, bodyIn, expectProblem, settle } from "../client";
import {
  cancelBooking,
  createEvent,
  fromNewClient,
  registerAttendee,
  registerOrganizer,
} from "../helpers";
import { eventually, openSocket } from "../notifications/helpers";
import { ledgerStub } from "../races/invariants";
import { expectSeatInvariants, lapseHold, order, outboxTypes } from "../races/seat-invariants";

const setUp = async (overrides: Record<string, unknown> = {}) => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token, { capacity: 5, waitlistEnabled: true, ...overrides });
  return { org, event };
};

const confirm = (id: string, token: string) =>
  settle(as(token).api.bookings[":id"].confirm.$post({ param: { id } }));

describe("holds", () => {
  it("hold the seats until expiresAt, counted as held, announced as booking.pending", async () => {
    const { event } = await setUp({ holdMinutes: 20 });
    const buyer = await registerAttendee();
    const before = Date.now();
    const res = bodyIn(await order(event.id, buyer, { seats: 3, hold: true }), 201);
    expect(res).toMatchObject({ status: "pending", seats: 3, waitlistPosition: null });
    const expiresAt = Date.parse(res.expiresAt ?? "");
    expect(expiresAt).toBeGreaterThanOrEqual(before + 20 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 20 * 60_000);
    const { held } = await expectSeatInvariants(event.id, 5);
    expect(held).toBe(3);
    expect(await outboxTypes(event.id, res.id)).toEqual(["booking.pending"]);
  });

  it("are confirmed by the attendee or the organizer, and confirming again changes nothing", async () => {
    const { org, event } = await setUp();
    const buyer = await registerAttendee();
    const held = bodyIn(await order(event.id, buyer, { seats: 2, hold: true }), 201);
    const confirmed = bodyIn(await confirm(held.id, buyer.token), 200);
    expect(confirmed).toMatchObject({
      id: held.id,
      status: "confirmed",
      expiresAt: null,
    });
    expect(bodyIn(await confirm(held.id, org.token), 200)).toEqual(confirmed);
    const { confirmed: seats, held: stillHeld } = await expectSeatInvariants(event.id, 5);
    expect([seats, stillHeld]).toEqual([2, 0]);
    expect(await outboxTypes(event.id, held.id)).toEqual(["booking.pending", "booking.confirmed"]);
  });

  it("answer confirm with 404, 403 or 409 when it cannot apply", async () => {
    const { event } = await setUp({ capacity: 1 });
    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    const held = bodyIn(await order(event.id, a, { hold: true }), 201);
    await expectProblem(await confirm(held.id, b.token), 403, "forbidden");
    await expectProblem(await confirm("no-such-booking", a.token), 404, "booking_not_found");
    const waiting = bodyIn(await order(event.id, b, {}), 201);
    await expectProblem(await confirm(waiting.id, b.token), 409, "event_full");
    await cancelBooking(a.token, held.id);
    await expectProblem(await confirm(held.id, a.token), 409, "already_cancelled");
    await expectProblem(
      await anyone.api.bookings[":id"].confirm.$post({ param: { id: held.id } }),
      401,
      "unauthorized",
    );
  });

  it("free their seats when cancelled, and the waitlist is promoted in the same step", async () => {
    const { event } = await setUp();
    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    const held = bodyIn(await order(event.id, a, { seats: 4, hold: true }), 201);
    const group = bodyIn(await order(event.id, b, { seats: 3 }), 201);
    expect(group.status).toBe("waitlisted");
    const cancelled = bodyIn(await cancelBooking(a.token, held.id), 200);
    expect(cancelled.booking).toMatchObject({ status: "cancelled", expiresAt: null });
    expect(cancelled.promoted).toMatchObject({
      id: group.id,
      status: "confirmed",
    });
    await expectSeatInvariants(event.id, 5);
  });

  it("cannot be confirmed past expiresAt, even before the alarm came: 409 hold_expired", async () => {
    const { event } = await setUp();
    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    const held = bodyIn(await order(event.id, a, { seats: 5, hold: true }), 201);
    const waiting = bodyIn(await order(event.id, b, { seats: 2 }), 201);
    await lapseHold(event.id, held.id);
    await expectProblem(await confirm(held.id, a.token), 409, "hold_expired");
    expect(await bookingOf(a.token, held.id)).toMatchObject({ status: "expired", expiresAt: null });
    expect((await bookingOf(b.token, waiting.id)).status).toBe("confirmed");
    await expectProblem(await cancelBooking(a.token, held.id), 409, "hold_expired");
    await expectSeatInvariants(event.id, 5);
    expect(bodyIn(await order(event.id, a, { seats: 1 }), 201).status).toBe("confirmed");
  });

  it("expire on the ledger's alarm with no request, also after a restart", async () => {
    const { event } = await setUp();
    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    const held = bodyIn(await order(event.id, a, { seats: 4, hold: true }), 201);
    const waiting = bodyIn(await order(event.id, b, { seats: 3 }), 201);
    // The first alarm copies and publishes; then the alarm waits for the hold's expiry.
    await runDurableObjectAlarm(ledgerStub(event.id));
    const alarm = await runInDurableObject(ledgerStub(event.id), (_, state) =>
      state.storage.getAlarm(),
    );
    expect(alarm).toBe(Date.parse(held.expiresAt ?? ""));

    await lapseHold(event.id, held.id);
    await abortAllDurableObjects();
    expect(await runDurableObjectAlarm(ledgerStub(event.id))).toBe(true);
    expect((await bookingOf(a.token, held.id)).status).toBe("expired");
    expect((await bookingOf(b.token, waiting.id)).status).toBe("confirmed");
    expect(await outboxTypes(event.id, held.id)).toEqual(["booking.pending", "booking.expired"]);
    const { held: stillHeld, confirmed } = await expectSeatInvariants(event.id, 5);
    expect([stillHeld, confirmed]).toEqual([0, 3]);
  });

  it("show as held seats to live viewers", async () => {
    const { event } = await setUp();
    const live = await openSocket(`/api/events/${event.id}/live`);
    const buyer = await registerAttendee();
    const held = bodyIn(await order(event.id, buyer, { seats: 2, hold: true }), 201);
    const welcome = { availableSeats: 5, bookedCount: 0, heldSeats: 0, waitlistCount: 0 };
    const holding = { availableSeats: 3, bookedCount: 0, heldSeats: 2, waitlistCount: 0 };
    await eventually(
      () => live.frames.at(-1),
      (frame) => frame?.heldSeats === 2,
    );
    expect(live.frames[0]).toMatchObject(welcome);
    expect(live.frames.at(-1)).toMatchObject(holding);
    await confirm(held.id, buyer.token);
    await eventually(
      () => live.frames.at(-1),
      (frame) => frame?.bookedCount === 2,
    );
    // Frames are coalesced, so only the latest counts are sure to arrive.
    expect(live.frames.at(-1)).toEqual({
      ...holding,
      bookedCount: 2,
      heldSeats: 0,
      status: "scheduled",
    });
    live.socket?.close();
  });
});

describe("a POST with no body at all", () => {
  it("reaches a body-less action, and is a 422 naming the missing fields elsewhere", async () => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch(
      new Request("http://api.test/api/attendees", { method: "POST", headers: fromNewClient() }),
    );
    await expectProblem(
      { status: res.status, headers: res.headers, body: await res.json() },
      422,
      "validation_failed",
    );
  });
});
