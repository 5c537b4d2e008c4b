import { describe, expect, it } from "vitest";
import { addCode, eventSelling, order } from "../catalog/helpers";
import { expectCatalogInvariants } from "../catalog/invariants";
import { attendeesFor } from "./invariants";

const statusCount = (statuses: number[], status: number) =>
  statuses.filter((s) => s === status).length;

describe("60 attendees with one promo code, two quotas, all at once", () => {
  it("take exactly the 8 seats, within each quota, and the code's uses stay within maxUses", async () => {
    const { organizer, event, types } = await eventSelling(
      [
        { name: "Early", quota: 5 },
        { name: "Late", quota: 5 },
      ],
      { capacity: 8 },
    );
    await addCode(organizer, event.id, { code: "RUSH", kind: "unlock", maxUses: 10 });
    const attendees = await attendeesFor(60);
    const answers = await Promise.all(
      attendees.map((attendee, i) =>
        order(event.id, attendee, {
          items: [{ ticketTypeId: (i % 2 === 0 ? types[0] : types[1]).id, quantity: 1 }],
          promoCode: "RUSH",
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statusCount(statuses, 201)).toBe(8);
    expect(statusCount(statuses, 409)).toBe(52);
    const { rows, types: counted, codes } = await expectCatalogInvariants(event.id);
    expect(rows.filter((r) => r.status === "confirmed").length).toBe(8);
    expect(counted.reduce((n, t) => n + t.confirmed, 0)).toBe(8);
    for (const type of counted) expect(type.confirmed).toBeLessThanOrEqual(5);
    expect(codes[0]?.used_count).toBe(8);
  });

  it("with a waitlist, count uses for waiting bookings too: exactly maxUses orders are taken", async () => {
    const { organizer, event, types } = await eventSelling([{ name: "Floor" }], {
      capacity: 8,
      waitlistEnabled: true,
    });
    await addCode(organizer, event.id, { code: "RUSH", kind: "unlock", maxUses: 10 });
    const attendees = await attendeesFor(60);
    const answers = await Promise.all(
      attendees.map((attendee) =>
        order(event.id, attendee, {
          items: [{ ticketTypeId: types[0].id, quantity: 1 }],
          promoCode: "RUSH",
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statusCount(statuses, 201)).toBe(10);
    expect(statusCount(statuses, 409)).toBe(50);
    const { rows, codes } = await expectCatalogInvariants(event.id);
    expect(rows.filter((r) => r.status === "confirmed").length).toBe(8);
    expect(rows.filter((r) => r.status === "waitlisted").length).toBe(2);
    expect(codes[0]?.used_count).toBe(10);
  });
});
