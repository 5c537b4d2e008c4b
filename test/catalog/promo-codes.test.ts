import { describe, expect, it } from "vitest";
import { as, bodyOf, expectProblem, raw } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import {
  addCode,
  codesOf,
  eventSelling,
  expectOrganizerOnly,
  order,
  type RawCall,
  registerAttendee,
  registerAttendees,
} from "./helpers";
import { expectCatalogInvariants } from "./invariants";

const line = (ticketTypeId: string, quantity: number) => ({ ticketTypeId, quantity });
const codesPath = (eventId: string) => `/api/events/${eventId}/promo-codes`;
const PAID = { price: 2000, currency: "EUR" };

describe("promo codes", () => {
  it("creates, lists and deletes codes for the organizer; codes match in any case", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, PAID);
    const code = await addCode(organizer, event.id, {
      code: "early-2030",
      kind: "percent",
      value: 20,
      maxUses: 10,
      validUntil: "2030-04-01T00:00:00Z",
    });
    expect(code).toMatchObject({
      code: "EARLY-2030",
      kind: "percent",
      value: 20,
      ticketTypeIds: null,
      maxUses: 10,
      usedCount: 0,
      validFrom: null,
      validUntil: "2030-04-01T00:00:00.000Z",
    });
    expect(await codesOf(organizer, event.id)).toEqual([code]);
    const again = await raw("POST", codesPath(event.id), {
      token: organizer.token,
      body: { code: "EARLY-2030", kind: "unlock" },
    });
    expect((await expectProblem(again, 422, "validation_failed")).errors?.[0]?.path).toBe("code");

    const removed = await as(organizer.token).api.events[":id"]["promo-codes"][":codeId"].$delete({
      param: { id: event.id, codeId: code.id },
    });
    expect((await bodyOf(removed, 200)).id).toBe(code.id);
    expect(await codesOf(organizer, event.id)).toEqual([]);
    const used = await order(event.id, await registerAttendee(), {
      seats: 1,
      promoCode: "early-2030",
    });
    await expectProblem(used, 422, "promo_code_invalid");
  });

  it("validates a code's fields", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, PAID);
    const cases: [Record<string, unknown>, string][] = [
      [{ code: "ab", kind: "unlock" }, "code"],
      [{ code: "has space", kind: "unlock" }, "code"],
      [{ code: "X".repeat(41), kind: "unlock" }, "code"],
      [{ code: "OK1", kind: "free" }, "kind"],
      [{ code: "OK1", kind: "percent" }, "value"],
      [{ code: "OK1", kind: "percent", value: 101 }, "value"],
      [{ code: "OK1", kind: "amount", value: 0 }, "value"],
      [{ code: "OK1", kind: "unlock", value: 5 }, "value"],
      [{ code: "OK1", kind: "unlock", maxUses: 0 }, "maxUses"],
      [{ code: "OK1", kind: "unlock", ticketTypeIds: ["nope"] }, "ticketTypeIds"],
      [
        {
          code: "OK1",
          kind: "unlock",
          validFrom: "2030-02-01T00:00:00Z",
          validUntil: "2030-01-01T00:00:00Z",
        },
        "validUntil",
      ],
    ];
    for (const [body, path] of cases) {
      const res = await raw("POST", codesPath(event.id), { token: organizer.token, body });
      const problem = await expectProblem(res, 422, "validation_failed");
      expect(
        problem.errors?.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(await codesOf(organizer, event.id)).toEqual([]);
  });

  it("refuses other callers: no token 401, an attendee or another organizer 403", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const code = await addCode(organizer, event.id, { code: "KEEP", kind: "unlock" });
    const attendee = await registerAttendee();
    const other = await registerOrganizer();
    const calls: RawCall[] = [
      ["GET", codesPath(event.id)],
      ["POST", codesPath(event.id), { code: "MINE", kind: "unlock" }],
      ["DELETE", `${codesPath(event.id)}/${code.id}`],
    ];
    await expectOrganizerOnly(calls, { attendee, organizer: other });
    expect(await codesOf(organizer, event.id)).toEqual([code]);
    const gone = await raw("DELETE", `${codesPath(event.id)}/nope`, { token: organizer.token });
    await expectProblem(gone, 404, "not_found");
  });

  it("takes floor(price × percent) or the amount off each seat of the types it names", async () => {
    const { organizer, event, types } = await eventSelling(
      [
        { name: "Regular", price: 1999 },
        { name: "VIP", price: 5000 },
      ],
      PAID,
    );
    const [regular, vip] = types;
    await addCode(organizer, event.id, {
      code: "TENOFF",
      kind: "percent",
      value: 10,
      ticketTypeIds: [regular.id],
    });
    await addCode(organizer, event.id, { code: "FLAT", kind: "amount", value: 3000 });
    const [a, b] = [await registerAttendee("a"), await registerAttendee("b")];

    const percent = await bodyOf(
      await order(event.id, a, {
        items: [line(regular.id, 3), line(vip.id, 1)],
        promoCode: "tenoff",
      }),
      201,
    );
    expect(percent.items).toEqual([
      expect.objectContaining({
        quantity: 3,
        unitPrice: 1999,
        discount: 3 * 199,
        amount: 3 * 1800,
      }),
      expect.objectContaining({ quantity: 1, unitPrice: 5000, discount: 0, amount: 5000 }),
    ]);
    expect(percent.payment?.amount).toBe(3 * 1800 + 5000);
    expect(percent.promoCode).toBe("TENOFF");

    const flat = await bodyOf(
      await order(event.id, b, {
        items: [line(regular.id, 1), line(vip.id, 2)],
        promoCode: "FLAT",
      }),
      201,
    );
    expect(flat.items.map((i) => [i.discount, i.amount])).toEqual([
      [1999, 0],
      [6000, 4000],
    ]);
    expect(flat.payment?.amount).toBe(4000);
    await expectCatalogInvariants(event.id);
  });

  it("refuses a discount that leaves less than the provider's least charge, and is free at 0", async () => {
    const { organizer, event, types } = await eventSelling(
      [{ name: "Regular", price: 2000 }],
      PAID,
    );
    await addCode(organizer, event.id, { code: "ALMOST", kind: "amount", value: 1980 });
    await addCode(organizer, event.id, { code: "GRATIS", kind: "percent", value: 100 });
    const attendee = await registerAttendee();
    const almost = await order(event.id, attendee, {
      items: [line(types[0].id, 1)],
      promoCode: "ALMOST",
    });
    expect((await expectProblem(almost, 422, "validation_failed")).errors?.[0]?.path).toBe(
      "promoCode",
    );
    const free = await order(event.id, attendee, {
      items: [line(types[0].id, 1)],
      promoCode: "GRATIS",
    });
    expect(await bodyOf(free, 201)).toMatchObject({ status: "confirmed", payment: null });
  });

  it("counts a use per active booking, gives it back on cancellation, and refuses past maxUses", async () => {
    const { organizer, event } = await eventSelling([{ name: "Regular" }]);
    await addCode(organizer, event.id, { code: "TWICE", kind: "unlock", maxUses: 2 });
    const [a, b, c] = await registerAttendees("a", "b", "c");
    const first = await bodyOf(await order(event.id, a, { seats: 1, promoCode: "TWICE" }), 201);
    await bodyOf(await order(event.id, b, { seats: 1, promoCode: "twice" }), 201);
    await expectProblem(
      await order(event.id, c, { seats: 1, promoCode: "TWICE" }),
      409,
      "promo_code_exhausted",
    );
    expect((await codesOf(organizer, event.id))[0]?.usedCount).toBe(2);

    await bodyOf(await as(a.token).api.bookings[":id"].$delete({ param: { id: first.id } }), 200);
    expect((await codesOf(organizer, event.id))[0]?.usedCount).toBe(1);
    await bodyOf(await order(event.id, c, { seats: 1, promoCode: "TWICE" }), 201);
    await expectCatalogInvariants(event.id);
  });

  it("refuses unknown codes, codes outside their window, and codes for none of the types ordered", async () => {
    const { organizer, event, types } = await eventSelling([{ name: "A" }, { name: "B" }]);
    const [a, b] = types;
    await addCode(organizer, event.id, {
      code: "LATER",
      kind: "unlock",
      validFrom: "2029-01-01T00:00:00Z",
    });
    await addCode(organizer, event.id, {
      code: "GONE",
      kind: "unlock",
      validUntil: "2021-01-01T00:00:00Z",
    });
    await addCode(organizer, event.id, { code: "ONLYA", kind: "unlock", ticketTypeIds: [a.id] });
    const attendee = await registerAttendee();
    for (const promoCode of ["NOPE", "LATER", "GONE"]) {
      await expectProblem(
        await order(event.id, attendee, { seats: 1, promoCode }),
        422,
        "promo_code_invalid",
      );
    }
    const wrongType = await order(event.id, attendee, {
      items: [line(b.id, 1)],
      promoCode: "ONLYA",
    });
    await expectProblem(wrongType, 422, "promo_code_invalid");
    expect((await codesOf(organizer, event.id)).every((c) => c.usedCount === 0)).toBe(true);
  });

  it("lets a deleted code's bookings keep their price, and takes no new use of it", async () => {
    const { organizer, event, types } = await eventSelling(
      [{ name: "Regular", price: 2000 }],
      PAID,
    );
    const code = await addCode(organizer, event.id, { code: "HALF", kind: "percent", value: 50 });
    const attendee = await registerAttendee();
    const items = [line(types[0].id, 2)];
    const booking = await bodyOf(
      await order(event.id, attendee, { items, promoCode: "HALF" }),
      201,
    );
    expect(booking.payment?.amount).toBe(2000);
    await as(organizer.token).api.events[":id"]["promo-codes"][":codeId"].$delete({
      param: { id: event.id, codeId: code.id },
    });
    const read = await as(attendee.token).api.bookings[":id"].$get({ param: { id: booking.id } });
    expect(await bodyOf(read, 200)).toMatchObject({
      promoCode: "HALF",
      items: [{ discount: 2000, amount: 2000 }],
      payment: { amount: 2000 },
    });
    const late = await order(event.id, await registerAttendee(), { items, promoCode: "HALF" });
    await expectProblem(late, 422, "promo_code_invalid");
    await bodyOf(
      await as(attendee.token).api.bookings[":id"].$delete({ param: { id: booking.id } }),
      200,
    );
    await expectCatalogInvariants(event.id);
  });
});
