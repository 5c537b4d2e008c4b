import { describe, expect, it } from "vitest";
import { seatsOf } from "../../src/domain/rules";
import {
  api,
  createEvent,
  eventInput,
  expectProblem,
  registerAttendee,
  registerOrganizer,
} from "../helpers";
import { expectSeatInvariants, order } from "../races/seat-invariants";

const setUp = async (overrides: Record<string, unknown>) => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token, overrides);
  return { org, event };
};

const statusOf = async (id: string, token: string) =>
  (await api("GET", `/api/bookings/${id}`, { token })).body.status;

describe("events with seats and holds", () => {
  it("take maxSeatsPerBooking 10 and holdMinutes 15 by default and show held seats", async () => {
    const { event } = await setUp({ capacity: 30 });
    expect(event).toMatchObject({
      maxSeatsPerBooking: 10,
      holdMinutes: 15,
      heldSeats: 0,
      availableSeats: 30,
    });
  });

  it.each([
    ["maxSeatsPerBooking", 0],
    ["maxSeatsPerBooking", 101],
    ["holdMinutes", 0],
    ["holdMinutes", 1441],
    ["maxSeatsPerBooking", 2.5],
  ])("refuses %s = %s with a 422 on that path", async (field, value) => {
    const org = await registerOrganizer();
    const res = await api("POST", "/api/events", {
      token: org.token,
      body: eventInput({ [field]: value }),
    });
    expectProblem(res, 422, "validation_failed");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it("lets the organizer change them; a new limit applies to the next booking", async () => {
    const { org, event } = await setUp({ capacity: 30 });
    const patched = await api("PATCH", `/api/events/${event.id}`, {
      token: org.token,
      body: { maxSeatsPerBooking: 2, holdMinutes: 30 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ maxSeatsPerBooking: 2, holdMinutes: 30 });
    const buyer = await registerAttendee();
    const refused = await order(event.id, buyer, { seats: 3 });
    expectProblem(refused, 422, "validation_failed");
    const held = await order(event.id, buyer, { seats: 2, hold: true });
    const minutes = (Date.parse(held.body.expiresAt) - Date.parse(held.body.createdAt)) / 60_000;
    expect(minutes).toBe(30);
  });
});

describe("POST /api/bookings with seats", () => {
  it("confirms all the seats of an order at once and counts seats, not bookings", async () => {
    const { event } = await setUp({ capacity: 10 });
    const buyer = await registerAttendee();
    const res = await order(event.id, buyer, { seats: 4 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ seats: 4, status: "confirmed", expiresAt: null });
    expect((await api("GET", `/api/bookings/${res.body.id}`, { token: buyer.token })).body).toEqual(
      {
        ...res.body,
        ticketsUrl: expect.any(String),
      },
    );
    await expectSeatInvariants(event.id, 10);
    const shown = await api("GET", `/api/events/${event.id}`);
    expect(shown.body).toMatchObject({ bookedCount: 4, availableSeats: 6, waitlistCount: 0 });
  });

  it("books one seat when seats is left out", async () => {
    const { event } = await setUp({ capacity: 10 });
    const buyer = await registerAttendee();
    expect((await order(event.id, buyer, {})).body.seats).toBe(1);
  });

  it("refuses more seats than the event allows per booking or in all, on the path seats", async () => {
    const { event } = await setUp({ capacity: 5, maxSeatsPerBooking: 4 });
    const buyer = await registerAttendee();
    for (const seats of [5, 6, 0, 101]) {
      const res = await order(event.id, buyer, { seats });
      expectProblem(res, 422, "validation_failed");
      expect(res.body.errors).toEqual([expect.objectContaining({ path: "seats" })]);
    }
    const small = await setUp({ capacity: 3, maxSeatsPerBooking: 10 });
    const tooMany = await order(small.event.id, buyer, { seats: 4 });
    expectProblem(tooMany, 422, "validation_failed");
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ path: "seats" })]);
    await expectSeatInvariants(event.id, 5);
  });

  it("sells all of an order or nothing: event_full without a waitlist", async () => {
    const { event } = await setUp({ capacity: 5 });
    const [a, b] = [await registerAttendee("A"), await registerAttendee("B")];
    expect((await order(event.id, a, { seats: 4 })).status).toBe(201);
    expectProblem(await order(event.id, b, { seats: 2 }), 409, "event_full");
    expect((await order(event.id, b, { seats: 1 })).body.status).toBe("confirmed");
    await expectSeatInvariants(event.id, 5);
  });

  it("waitlists a group whole, and a newcomer behind it even when its seats would fit", async () => {
    const { event } = await setUp({ capacity: 5, waitlistEnabled: true });
    const [a, b, c] = [
      await registerAttendee("A"),
      await registerAttendee("B"),
      await registerAttendee("C"),
    ];
    const first = await order(event.id, a, { seats: 4 });
    const group = await order(event.id, b, { seats: 2 });
    const single = await order(event.id, c, { seats: 1 });
    expect(group.body).toMatchObject({ status: "waitlisted", waitlistPosition: 1, seats: 2 });
    expect(single.body).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });
    expect((await api("GET", `/api/events/${event.id}`)).body).toMatchObject({
      availableSeats: 1,
      waitlistCount: 3,
    });

    const cancelled = await api("DELETE", `/api/bookings/${first.body.id}`, { token: a.token });
    expect(cancelled.body.promoted).toMatchObject({ id: group.body.id, status: "confirmed" });
    expect(await statusOf(single.body.id, c.token)).toBe("confirmed");
    await expectSeatInvariants(event.id, 5);
  });

  it("stops promotion at the first group that does not fit: nobody behind it moves ahead", async () => {
    const { event } = await setUp({ capacity: 5, waitlistEnabled: true });
    const [a, b, w1, w2] = await Promise.all(
      ["A", "B", "W1", "W2"].map((n) => registerAttendee(n)),
    );
    const three = await order(event.id, a as any, { seats: 3 });
    const two = await order(event.id, b as any, { seats: 2 });
    const big = await order(event.id, w1 as any, { seats: 4 });
    const small = await order(event.id, w2 as any, { seats: 1 });

    const freedTwo = await api("DELETE", `/api/bookings/${two.body.id}`, { token: b?.token });
    expect(freedTwo.body.promoted).toBeNull();
    expect(await statusOf(small.body.id, w2?.token ?? "")).toBe("waitlisted");
    await expectSeatInvariants(event.id, 5);

    await api("DELETE", `/api/bookings/${three.body.id}`, { token: a?.token });
    expect(await statusOf(big.body.id, w1?.token ?? "")).toBe("confirmed");
    expect(await statusOf(small.body.id, w2?.token ?? "")).toBe("confirmed");
    const { confirmed } = await expectSeatInvariants(event.id, 5);
    expect(confirmed).toBe(5);
  });
});

describe("capacity changes with seats and holds", () => {
  it("refuses a capacity below confirmed + held seats, and one no waiting group fits in", async () => {
    const { org, event } = await setUp({ capacity: 10, waitlistEnabled: true });
    const [a, b, c] = [
      await registerAttendee("A"),
      await registerAttendee("B"),
      await registerAttendee("C"),
    ];
    await order(event.id, a, { seats: 4 });
    await order(event.id, b, { seats: 1, hold: true });
    const group = await order(event.id, c, { seats: 6 });
    expect(group.body.status).toBe("waitlisted");
    const patch = (capacity: number) =>
      api("PATCH", `/api/events/${event.id}`, { token: org.token, body: { capacity } });
    expectProblem(await patch(4), 409, "capacity_below_booked");
    expectProblem(await patch(5), 409, "capacity_below_booked");
    expect((await patch(6)).body).toMatchObject({ capacity: 6, availableSeats: 1 });
    await expectSeatInvariants(event.id, 6);
    const raised = await patch(11);
    expect(raised.body).toMatchObject({ bookedCount: 10, heldSeats: 1, availableSeats: 0 });
    expect(await statusOf(group.body.id, c.token)).toBe("confirmed");
    await expectSeatInvariants(event.id, 11);
  });
});

describe("Idempotency-Key with seats", () => {
  it("binds the seats and the hold: the same key with other seats is idempotency_key_reused", async () => {
    const { event } = await setUp({ capacity: 10 });
    const buyer = await registerAttendee();
    const first = await order(event.id, buyer, { seats: 2 }, "seats-key-1");
    const again = await order(event.id, buyer, { seats: 2 }, "seats-key-1");
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expectProblem(
      await order(event.id, buyer, { seats: 3 }, "seats-key-1"),
      422,
      "idempotency_key_reused",
    );
    expectProblem(
      await order(event.id, buyer, { seats: 2, hold: true }, "seats-key-1"),
      422,
      "idempotency_key_reused",
    );
    await expectSeatInvariants(event.id, 10);
  });
});

describe("seatsOf", () => {
  it("shows held seats as taken", () => {
    expect(
      seatsOf({ capacity: 10, confirmed: 3, held: 2, waitlisted: 4, status: "scheduled" }),
    ).toEqual({
      availableSeats: 5,
      bookedCount: 3,
      heldSeats: 2,
      waitlistCount: 4,
      status: "scheduled",
    });
  });
});
