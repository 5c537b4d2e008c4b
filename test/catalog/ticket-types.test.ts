import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, expectProblem, raw } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import {
  addCode,
  addType,
  eventSelling,
  expectOrganizerOnly,
  order,
  type RawCall,
  registerAttendee,
  typesOf,
} from "./helpers";
import { expectCatalogInvariants } from "./invariants";

const typesPath = (eventId: string) => `/api/events/${eventId}/ticket-types`;

describe("ticket types", () => {
  it("creates an event with one General admission type carrying its price", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { price: 2500, currency: "EUR" });
    const [first] = await typesOf(event.id);
    expect(first).toMatchObject({
      eventId: event.id,
      name: "General admission",
      price: 2500,
      currency: "EUR",
      quota: null,
      soldSeats: 0,
      availableSeats: 100,
      hidden: false,
      minPerBooking: 1,
      maxPerBooking: 10,
      position: 0,
    });
    expect(event.ticketTypes).toEqual([first]);
    expect(event.priceFrom).toBe(2500);
  });

  it("adds, lists in position order, changes and deletes types for the organizer", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { price: 2500, currency: "EUR" });
    const vip = await addType(organizer, event.id, { name: "VIP", price: 9000, quota: 10 });
    const early = await addType(organizer, event.id, {
      name: "Early bird",
      price: 1500,
      position: 0,
    });
    expect(vip).toMatchObject({
      name: "VIP",
      price: 9000,
      quota: 10,
      availableSeats: 10,
      position: 1,
    });

    const listed = await typesOf(event.id);
    expect(listed.map((t) => t.name)).toEqual(["General admission", "Early bird", "VIP"]);
    const shown = await bodyOf(
      await anyone.api.events[":id"].$get({ param: { id: event.id } }),
      200,
    );
    expect(shown.priceFrom).toBe(1500);
    expect(shown.ticketTypes).toEqual(listed);

    const res = await as(organizer.token).api.events[":id"]["ticket-types"][":typeId"].$patch({
      param: { id: event.id, typeId: early.id },
      json: { price: 1200, quota: 20, description: "Until March" },
    });
    expect(await bodyOf(res, 200)).toMatchObject({
      price: 1200,
      quota: 20,
      description: "Until March",
    });
    expect((await typesOf(event.id)).find((t) => t.id === early.id)?.price).toBe(1200);

    const removed = await as(organizer.token).api.events[":id"]["ticket-types"][":typeId"].$delete({
      param: { id: event.id, typeId: vip.id },
    });
    expect((await bodyOf(removed, 200)).id).toBe(vip.id);
    expect((await typesOf(event.id)).map((t) => t.name)).toEqual([
      "General admission",
      "Early bird",
    ]);
  });

  it("reads the event's price as its first visible type's, both ways", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { price: 2500, currency: "EUR" });
    const first = event.ticketTypes[0]?.id ?? "";
    const patched = await as(organizer.token).api.events[":id"].$patch({
      param: { id: event.id },
      json: { price: 3000 },
    });
    const changed = await bodyOf(patched, 200);
    expect(changed.price).toBe(3000);
    expect(changed.ticketTypes[0]).toMatchObject({ id: first, price: 3000 });

    await as(organizer.token).api.events[":id"]["ticket-types"][":typeId"].$patch({
      param: { id: event.id, typeId: first },
      json: { price: 4000 },
    });
    const read = await bodyOf(
      await anyone.api.events[":id"].$get({ param: { id: event.id } }),
      200,
    );
    expect(read.price).toBe(4000);
  });

  it("hides hidden types from everyone but the organizer and a code that unlocks them", async () => {
    const { organizer, event, types } = await eventSelling([
      { name: "Regular", price: 0 },
      { name: "Backstage", hidden: true },
    ]);
    const [regular, backstage] = types;
    await addCode(organizer, event.id, {
      code: "crew",
      kind: "unlock",
      ticketTypeIds: [backstage.id],
    });

    expect((await typesOf(event.id)).map((t) => t.id)).toEqual([regular.id]);
    expect((await typesOf(event.id, undefined, "nope")).map((t) => t.id)).toEqual([regular.id]);
    expect((await typesOf(event.id, undefined, "CREW")).map((t) => t.id)).toEqual([
      regular.id,
      backstage.id,
    ]);
    const other = await registerOrganizer();
    expect((await typesOf(event.id, other.token)).map((t) => t.id)).toEqual([regular.id]);
    expect((await typesOf(event.id, organizer.token)).map((t) => t.id)).toEqual([
      regular.id,
      backstage.id,
    ]);
    const read = await bodyOf(
      await anyone.api.events[":id"].$get({ param: { id: event.id } }),
      200,
    );
    expect(read.ticketTypes.map((t) => t.id)).toEqual([regular.id]);

    const attendee = await registerAttendee();
    const hidden = await order(event.id, attendee, {
      items: [{ ticketTypeId: backstage.id, quantity: 1 }],
    });
    await expectProblem(hidden, 422, "ticket_type_hidden");
    const unlocked = await order(event.id, attendee, {
      items: [{ ticketTypeId: backstage.id, quantity: 1 }],
      promoCode: "crew",
    });
    expect(await bodyOf(unlocked, 201)).toMatchObject({ status: "confirmed", promoCode: "CREW" });
  });

  it("refuses other callers: no token 401, an attendee or another organizer 403, nothing changed", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    const other = await registerOrganizer();
    const type = event.ticketTypes[0]?.id ?? "";
    const calls: RawCall[] = [
      ["POST", typesPath(event.id), { name: "VIP" }],
      ["PATCH", `${typesPath(event.id)}/${type}`, { name: "VIP" }],
      ["DELETE", `${typesPath(event.id)}/${type}`],
    ];
    await expectOrganizerOnly(calls, { attendee, organizer: other });
    expect(await typesOf(event.id, organizer.token)).toEqual(event.ticketTypes);
    await expectProblem(await raw("GET", typesPath("no-such-event")), 404, "event_not_found");
    await expectProblem(
      await raw("GET", typesPath(event.id), { token: "garbage" }),
      401,
      "unauthorized",
    );
  });

  it("validates a type: fields, bounds, a price the provider can charge, a window inside the event's", async () => {
    const organizer = await registerOrganizer();
    const free = await createEvent(organizer.token);
    const paid = await createEvent(organizer.token, { price: 2500, currency: "EUR" });
    const cases: [string, Record<string, unknown>, string][] = [
      [free.id, {}, "name"],
      [free.id, { name: "" }, "name"],
      [free.id, { name: "x".repeat(101) }, "name"],
      [free.id, { name: "A", price: -1 }, "price"],
      [free.id, { name: "A", quota: 0 }, "quota"],
      [free.id, { name: "A", minPerBooking: 0 }, "minPerBooking"],
      [free.id, { name: "A", minPerBooking: 5, maxPerBooking: 2 }, "minPerBooking"],
      [free.id, { name: "A", price: 1000 }, "price"],
      [paid.id, { name: "A", price: 10 }, "price"],
      [paid.id, { name: "A", salesEndAt: "2031-01-01T00:00:00Z" }, "salesEndAt"],
      [
        paid.id,
        { name: "A", salesStartAt: "2030-03-01T00:00:00Z", salesEndAt: "2030-02-01T00:00:00Z" },
        "salesEndAt",
      ],
    ];
    for (const [eventId, body, path] of cases) {
      const res = await raw("POST", typesPath(eventId), { token: organizer.token, body });
      const problem = await expectProblem(res, 422, "validation_failed");
      expect(
        problem.errors?.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const patch = await raw("PATCH", `${typesPath(free.id)}/${free.ticketTypes[0]?.id}`, {
      token: organizer.token,
      body: {},
    });
    await expectProblem(patch, 422, "validation_failed");
    const unknown = await raw("PATCH", `${typesPath(free.id)}/nope`, {
      token: organizer.token,
      body: { name: "B" },
    });
    await expectProblem(unknown, 404, "not_found");
    expect(await typesOf(free.id, organizer.token)).toEqual(free.ticketTypes);
  });

  it("keeps a type with active bookings, and the event's last type", async () => {
    const { organizer, event, types } = await eventSelling([
      { name: "A", quota: 5 },
      { name: "B" },
    ]);
    const [a, b] = types;
    const attendee = await registerAttendee();
    await bodyOf(
      await order(event.id, attendee, { items: [{ ticketTypeId: a.id, quantity: 3 }] }),
      201,
    );
    const del = (typeId: string) =>
      as(organizer.token).api.events[":id"]["ticket-types"][":typeId"].$delete({
        param: { id: event.id, typeId },
      });
    await expectProblem(await del(a.id), 409, "ticket_type_in_use");
    const lower = await raw("PATCH", `${typesPath(event.id)}/${a.id}`, {
      token: organizer.token,
      body: { quota: 2 },
    });
    await expectProblem(lower, 409, "capacity_below_booked");
    await bodyOf(await del(b.id), 200);
    await expectProblem(await del(a.id), 409, "ticket_type_in_use");
    const [left] = await typesOf(event.id);
    expect(left).toMatchObject({ id: a.id, quota: 5, soldSeats: 3, availableSeats: 2 });
  });

  it("keeps a quota at or above what a waiting booking of the type wants, and promotes it when raised", async () => {
    const { organizer, event, types } = await eventSelling([{ name: "A", quota: 3 }], {
      capacity: 6,
      waitlistEnabled: true,
    });
    const [a] = types;
    const one = [{ ticketTypeId: a.id, quantity: 1 }];
    const three = [{ ticketTypeId: a.id, quantity: 3 }];
    await bodyOf(await order(event.id, await registerAttendee(), { items: one }), 201);
    const waiting = await bodyOf(
      await order(event.id, await registerAttendee(), { items: three }),
      201,
    );
    expect(waiting.status).toBe("waitlisted");
    const quota = (value: number) =>
      raw("PATCH", `${typesPath(event.id)}/${a.id}`, {
        token: organizer.token,
        body: { quota: value },
      });
    await expectProblem(await quota(2), 409, "capacity_below_booked");
    expect((await quota(4)).status).toBe(200);
    const [listed] = await typesOf(event.id);
    expect(listed).toMatchObject({ quota: 4, soldSeats: 4, availableSeats: 0 });
    await expectCatalogInvariants(event.id);
  });
});
