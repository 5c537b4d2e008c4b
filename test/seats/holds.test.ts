import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  api,
  createEvent,
  expectProblem,
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
  api("POST", `/api/bookings/${id}/confirm`, { token });

describe("holds", () => {
  it("hold the seats until expiresAt, counted as held, announced as booking.pending", async () => {
    const { event } = await setUp({ holdMinutes: 20 });
    const buyer = await registerAttendee();
    const before = Date.now();
    const res = await order(event.id, buyer, { seats: 3, hold: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "pending", seats: 3, waitlistPosition: null });
    const expiresAt = Date.parse(res.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 20 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 20 * 60_000);
    const { held } = await expectSeatInvariants(event.id, 5);
    expect(held).toBe(3);
    expect(await outboxTypes(event.id, res.body.id)).toEqual(["booking.pending"]);
  });

  it("are confirmed by the attendee or the organizer, and confirming again changes nothing", async () => {
    const { org, event } = await setUp();
    const buyer = await registerAttendee();
    const held = await order(event.id, buyer, { seats: 2, hold: true });
    const confirmed = await confirm(held.body.id, buyer.token);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      id: held.body.id,
      status: "confirmed",
      expiresAt: null,
    });
    const again = await confirm(held.body.id, org.token);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(confirmed.body);
    const { confirmed: seats, held: stillHeld } = await expectSeatInvariants(event.id, 5);
    expect([seats, stillHeld]).toEqual([2, 0]);
    expect(await outboxTypes(event.id, held.body.id)).toEqual([
      "booking.pending",
      "booking.confirmed",
    ]);
  });

  it("answer confirm with 404, 403 or 409 when it cannot apply", async () => {
    const { event } = await setUp({ capacity: 1 });
    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    const held = await order(event.id, a, { hold: true });
    expectProblem(await confirm(held.body.id, b.token), 403, "forbidden");
    expectProblem(await confirm("no-such-booking", a.token), 404, "booking_not_found");
    const waiting = await order(event.id, b, {});
    expectProblem(await confirm(waiting.body.id, b.token), 409, "event_full");
    await api("DELETE", `/api/bookings/${held.body.id}`, { token: a.token });
    expectProblem(await confirm(held.body.id, a.token), 409, "already_cancelled");
    expect((await api("POST", `/api/bookings/${held.body.id}/confirm`)).status).toBe(401);
  });

  it("free their seats when cancelled, and the waitlist is promoted in the same step", async () => {
    const { event } = await setUp();
    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    const held = await order(event.id, a, { seats: 4, hold: true });
    const group = await order(event.id, b, { seats: 3 });
    expect(group.body.status).toBe("waitlisted");
    const cancelled = await api("DELETE", `/api/bookings/${held.body.id}`, { token: a.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking).toMatchObject({ status: "cancelled", expiresAt: null });
    expect(cancelled.body.promoted).toMatchObject({ id: group.body.id, status: "confirmed" });
    await expectSeatInvariants(event.id, 5);
  });

  it("cannot be confirmed past expiresAt, even before the alarm came: 409 hold_expired", async () => {
    const { event } = await setUp();
    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    const held = await order(event.id, a, { seats: 5, hold: true });
    const waiting = await order(event.id, b, { seats: 2 });
    await lapseHold(event.id, held.body.id);
    expectProblem(await confirm(held.body.id, a.token), 409, "hold_expired");
    const shown = await api("GET", `/api/bookings/${held.body.id}`, { token: a.token });
    expect(shown.body).toMatchObject({ status: "expired", expiresAt: null });
    const promoted = await api("GET", `/api/bookings/${waiting.body.id}`, { token: b.token });
    expect(promoted.body.status).toBe("confirmed");
    expectProblem(
      await api("DELETE", `/api/bookings/${held.body.id}`, { token: a.token }),
      409,
      "hold_expired",
    );
    await expectSeatInvariants(event.id, 5);
    expect((await order(event.id, a, { seats: 1 })).body.status).toBe("confirmed");
  });

  it("expire on the ledger's alarm with no request, also after a restart", async () => {
    const { event } = await setUp();
    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    const held = await order(event.id, a, { seats: 4, hold: true });
    const waiting = await order(event.id, b, { seats: 3 });
    // The first alarm copies and publishes; then the alarm waits for the hold's expiry.
    await runDurableObjectAlarm(ledgerStub(event.id));
    const alarm = await runInDurableObject(ledgerStub(event.id), (_, state) =>
      state.storage.getAlarm(),
    );
    expect(alarm).toBe(Date.parse(held.body.expiresAt));

    await lapseHold(event.id, held.body.id);
    await abortAllDurableObjects();
    expect(await runDurableObjectAlarm(ledgerStub(event.id))).toBe(true);
    const expired = await api("GET", `/api/bookings/${held.body.id}`, { token: a.token });
    expect(expired.body.status).toBe("expired");
    const promoted = await api("GET", `/api/bookings/${waiting.body.id}`, { token: b.token });
    expect(promoted.body.status).toBe("confirmed");
    expect(await outboxTypes(event.id, held.body.id)).toEqual([
      "booking.pending",
      "booking.expired",
    ]);
    const { held: stillHeld, confirmed } = await expectSeatInvariants(event.id, 5);
    expect([stillHeld, confirmed]).toEqual([0, 3]);
  });

  it("show as held seats to live viewers", async () => {
    const { event } = await setUp();
    const live = await openSocket(`/api/events/${event.id}/live`);
    const buyer = await registerAttendee();
    const held = await order(event.id, buyer, { seats: 2, hold: true });
    const welcome = { availableSeats: 5, bookedCount: 0, heldSeats: 0, waitlistCount: 0 };
    const holding = { availableSeats: 3, bookedCount: 0, heldSeats: 2, waitlistCount: 0 };
    await eventually(
      () => live.frames.at(-1),
      (frame) => frame?.heldSeats === 2,
    );
    expect(live.frames[0]).toMatchObject(welcome);
    expect(live.frames.at(-1)).toMatchObject(holding);
    await confirm(held.body.id, buyer.token);
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
    expectProblem(
      { status: res.status, headers: res.headers, body: await res.json() },
      422,
      "validation_failed",
    );
  });
});
