import { describe, expect, it } from "vitest";
import { as, bodyOf, expectProblem } from "../client";
import { eventSelling, order, registerAttendee, registerAttendees, typesOf } from "./helpers";
import { expectCatalogInvariants } from "./invariants";

const line = (ticketTypeId: string, quantity: number) => ({ ticketTypeId, quantity });

const cancel = async (attendee: { token: string }, id: string) =>
  bodyOf(await as(attendee.token).api.bookings[":id"].$delete({ param: { id } }), 200);

describe("orders of several ticket types", () => {
  it("books every line or none, priced per line, and counts each type's seats", async () => {
    const { event, types } = await eventSelling(
      [
        { name: "Regular", price: 2000 },
        { name: "Student", price: 1000, quota: 5 },
      ],
      { price: 2000, currency: "EUR" },
    );
    const [regular, student] = types;
    const attendee = await registerAttendee();
    const res = await order(event.id, attendee, {
      items: [line(regular.id, 2), line(student.id, 1)],
    });
    const booking = await bodyOf(res, 201);
    expect(booking).toMatchObject({
      seats: 3,
      status: "pending",
      promoCode: null,
      items: [
        {
          ticketTypeId: regular.id,
          name: "Regular",
          quantity: 2,
          unitPrice: 2000,
          discount: 0,
          amount: 4000,
        },
        {
          ticketTypeId: student.id,
          name: "Student",
          quantity: 1,
          unitPrice: 1000,
          discount: 0,
          amount: 1000,
        },
      ],
      payment: { amount: 5000, currency: "EUR", status: "requires_payment" },
    });
    const listed = await typesOf(event.id);
    expect(listed.find((t) => t.id === student.id)).toMatchObject({
      heldSeats: 1,
      availableSeats: 4,
    });
    expect(listed.find((t) => t.id === regular.id)).toMatchObject({
      heldSeats: 2,
      availableSeats: 97,
    });
    const read = await bodyOf(
      await as(attendee.token).api.bookings[":id"].$get({ param: { id: booking.id } }),
      200,
    );
    expect(read.items).toEqual(booking.items);
  });

  it("is free when its total is 0: confirmed at once, no payment", async () => {
    const { event, types } = await eventSelling([{ name: "Guest", price: 0 }], {
      price: 2000,
      currency: "EUR",
    });
    const booking = await bodyOf(
      await order(event.id, await registerAttendee(), { items: [line(types[0].id, 2)] }),
      201,
    );
    expect(booking).toMatchObject({ status: "confirmed", payment: null, seats: 2 });
  });

  it("refuses unknown types, a type twice, seats with items, and quantities out of bounds", async () => {
    const { event, types } = await eventSelling([
      { name: "Duo", minPerBooking: 2, maxPerBooking: 2 },
      { name: "Solo", quota: 3 },
    ]);
    const [duo, solo] = types;
    const attendee = await registerAttendee();
    const cases = [
      { items: [line("nope", 1)] },
      { items: [line(duo.id, 1)] },
      { items: [line(duo.id, 3)] },
      { items: [line(solo.id, 4)] },
      { items: [line(solo.id, 1), line(solo.id, 1)] },
      { items: [], seats: undefined },
      { items: [line(solo.id, 1)], seats: 1 },
      { items: Array.from({ length: 21 }, (_, n) => line(`type-${n}`, 1)) },
    ];
    for (const body of cases) {
      const problem = await expectProblem(
        await order(event.id, attendee, body),
        422,
        "validation_failed",
      );
      expect(problem.errors?.[0]?.path, JSON.stringify(body)).toBe("items");
    }
    await expectCatalogInvariants(event.id);
    expect((await typesOf(event.id)).every((t) => t.soldSeats === 0 && t.heldSeats === 0)).toBe(
      true,
    );
  });

  it("refuses an order whose lines together pass the event's seats per booking", async () => {
    const { event, types } = await eventSelling([{ name: "A" }, { name: "B" }], {
      maxSeatsPerBooking: 4,
    });
    const [a, b] = types;
    const res = await order(event.id, await registerAttendee(), {
      items: [line(a.id, 3), line(b.id, 2)],
    });
    await expectProblem(res, 422, "validation_failed");
    await expectCatalogInvariants(event.id);
  });

  it("answers event_full when a type's quota is full, or waitlists when the event has a waitlist", async () => {
    const full = await eventSelling([{ name: "A", quota: 2 }, { name: "B" }]);
    const [a, b] = full.types;
    await bodyOf(
      await order(full.event.id, await registerAttendee(), { items: [line(a.id, 2)] }),
      201,
    );
    await expectProblem(
      await order(full.event.id, await registerAttendee(), { items: [line(a.id, 1)] }),
      409,
      "event_full",
    );
    const other = await order(full.event.id, await registerAttendee(), { items: [line(b.id, 1)] });
    expect((await bodyOf(other, 201)).status).toBe("confirmed");

    const waiting = await eventSelling([{ name: "A", quota: 1 }], { waitlistEnabled: true });
    const [only] = waiting.types;
    await bodyOf(
      await order(waiting.event.id, await registerAttendee(), { items: [line(only.id, 1)] }),
      201,
    );
    const queued = await order(waiting.event.id, await registerAttendee(), {
      items: [line(only.id, 1)],
    });
    expect(await bodyOf(queued, 201)).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
  });

  it("promotes by the types' rule: a full quota blocks only its type, capacity stops the walk", async () => {
    const { event, types } = await eventSelling([{ name: "VIP", quota: 1 }, { name: "Floor" }], {
      capacity: 3,
      waitlistEnabled: true,
    });
    const [vip, floor] = types;
    const [v1, f1, f2, v2, f3, f4] = await registerAttendees("v1", "f1", "f2", "v2", "f3", "f4");
    const first = await bodyOf(await order(event.id, v1, { items: [line(vip.id, 1)] }), 201);
    const floorOne = await bodyOf(await order(event.id, f1, { items: [line(floor.id, 2)] }), 201);
    expect([first.status, floorOne.status]).toEqual(["confirmed", "confirmed"]);
    // Full: the rest wait, in this order.
    const waitingVip = await bodyOf(await order(event.id, v2, { items: [line(vip.id, 1)] }), 201);
    const bigFloor = await bodyOf(await order(event.id, f2, { items: [line(floor.id, 2)] }), 201);
    const smallFloor = await bodyOf(await order(event.id, f3, { items: [line(floor.id, 1)] }), 201);
    expect([waitingVip.status, bigFloor.status, smallFloor.status]).toEqual([
      "waitlisted",
      "waitlisted",
      "waitlisted",
    ]);
    // Two floor seats free: the waiting VIP is blocked by its quota (still taken), the big
    // floor booking fits and is served; the small one is then stopped by capacity.
    const freed = await cancel(f1, floorOne.id);
    expect(freed.promotions.map((b) => b.id)).toEqual([bigFloor.id]);
    // One seat frees with the VIP: the waiting VIP is first in line and fits.
    const vipFreed = await cancel(v1, first.id);
    expect(vipFreed.promotions.map((b) => b.id)).toEqual([waitingVip.id]);
    // A newcomer wanting floor never passes the floor booking still waiting.
    const late = await bodyOf(await order(event.id, f4, { items: [line(floor.id, 1)] }), 201);
    expect(late.status).toBe("waitlisted");
    await expectCatalogInvariants(event.id);
  });

  it("lets a newcomer of another type pass bookings waiting for a type whose quota is full", async () => {
    const { event, types } = await eventSelling([{ name: "VIP", quota: 1 }, { name: "Floor" }], {
      capacity: 5,
      waitlistEnabled: true,
    });
    const [vip, floor] = types;
    const [a, b, c] = await registerAttendees("a", "b", "c");
    await bodyOf(await order(event.id, a, { items: [line(vip.id, 1)] }), 201);
    const waiting = await bodyOf(await order(event.id, b, { items: [line(vip.id, 1)] }), 201);
    expect(waiting.status).toBe("waitlisted");
    const newcomer = await bodyOf(await order(event.id, c, { items: [line(floor.id, 2)] }), 201);
    expect(newcomer.status).toBe("confirmed");
  });

  it("keeps a booking that also wants a full type ahead of later ones wanting its other types", async () => {
    const { organizer, event, types } = await eventSelling(
      [{ name: "VIP", quota: 1 }, { name: "Floor" }, { name: "Balcony" }],
      { capacity: 6, waitlistEnabled: true },
    );
    const [vip, floor, balcony] = types;
    const [a, b, c, d, e] = await registerAttendees("a", "b", "c", "d", "e");
    const held = await bodyOf(await order(event.id, a, { items: [line(vip.id, 1)] }), 201);
    // b waits for the VIP seat and floor seats together.
    const both = await order(event.id, b, { items: [line(vip.id, 1), line(floor.id, 1)] });
    expect((await bodyOf(both, 201)).status).toBe("waitlisted");
    // c wants floor and balcony: it waits behind b, and d, wanting balcony, behind c.
    const floorToo = await bodyOf(
      await order(event.id, c, { items: [line(floor.id, 1), line(balcony.id, 1)] }),
      201,
    );
    const balconyToo = await bodyOf(
      await order(event.id, d, { items: [line(balcony.id, 1)] }),
      201,
    );
    expect([floorToo.status, balconyToo.status]).toEqual(["waitlisted", "waitlisted"]);
    // More room frees nobody while the VIP seat is taken.
    const grown = await as(organizer.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { capacity: 10 },
    });
    expect(grown.status).toBe(200);
    await expectCatalogInvariants(event.id);
    expect(
      (await bodyOf(await order(event.id, e, { items: [line(balcony.id, 1)] }), 201)).status,
    ).toBe("waitlisted");
    // The VIP seat frees: b, then c, then d are served in turn.
    const freed = await cancel(a, held.id);
    expect(freed.promotions.map((p) => p.attendeeId)).toEqual([b.id, c.id, d.id, e.id]);
    await expectCatalogInvariants(event.id);
  });

  it("keeps a type's own sale window", async () => {
    const { event, types } = await eventSelling([
      { name: "Later", salesStartAt: "2030-01-01T00:00:00Z" },
      { name: "Over", salesEndAt: "2021-01-01T00:00:00Z" },
    ]);
    const [later, over] = types;
    const attendee = await registerAttendee();
    await expectProblem(
      await order(event.id, attendee, { items: [line(later.id, 1)] }),
      409,
      "sales_not_open",
    );
    await expectProblem(
      await order(event.id, attendee, { items: [line(over.id, 1)] }),
      409,
      "sales_closed",
    );
  });

  it("books by seats the first visible type, as before types existed", async () => {
    const { event, types } = await eventSelling([
      { name: "Hidden", hidden: true, position: 0 },
      { name: "Open", price: 0, position: 1 },
    ]);
    const booking = await bodyOf(
      await order(event.id, await registerAttendee(), { seats: 2 }),
      201,
    );
    expect(booking.items).toEqual([
      {
        ticketTypeId: types[1].id,
        name: "Open",
        quantity: 2,
        unitPrice: 0,
        discount: 0,
        amount: 0,
      },
    ]);
  });

  it("binds an Idempotency-Key to the order's lines and code", async () => {
    const { event, types } = await eventSelling([{ name: "A" }, { name: "B" }]);
    const [a, b] = types;
    const attendee = await registerAttendee();
    const send = (items: { ticketTypeId: string; quantity: number }[]) =>
      as(attendee.token, { "Idempotency-Key": "order-1" }).api.bookings.$post({
        json: { eventId: event.id, attendeeId: attendee.id, items },
        header: {},
      });
    const first = await bodyOf(await send([line(a.id, 1), line(b.id, 1)]), 201);
    const again = await send([line(a.id, 1), line(b.id, 1)]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await bodyOf(again, 201)).toEqual(first);
    await expectProblem(await send([line(a.id, 2)]), 422, "idempotency_key_reused");
    await expectCatalogInvariants(event.id);
  });
});
