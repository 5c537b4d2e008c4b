import { describe, expect, it } from "vitest";
import { api, createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, expectInvariants } from "./invariants";

describe("parallel cancellations", () => {
  it("promote exactly the first 10 waitlisted, in arrival order", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 10, waitlistEnabled: true });
    const buyers = await attendeesFor(30);
    // Sequential bookings fix the arrival order the waitlist must respect.
    const booked: any[] = [];
    for (const buyer of buyers) booked.push((await book(event.id, buyer)).body);
    const holders = booked.filter((b) => b.status === "confirmed");
    const queue = booked.filter((b) => b.status === "waitlisted");
    expect(holders).toHaveLength(10);

    const answers = await Promise.all(
      holders.map((b, i) =>
        api("DELETE", `/api/bookings/${b.id}`, {
          token: buyers[booked.indexOf(b)]?.token ?? String(i),
        }),
      ),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const promotedIds = answers.map((r) => r.body.promoted?.id).filter(Boolean);
    expect(new Set(promotedIds)).toEqual(new Set(queue.slice(0, 10).map((b) => b.id)));

    const { confirmed, waiting } = await expectInvariants(event.id, 10);
    expect(confirmed.map((r) => r.id).sort()).toEqual(
      queue
        .slice(0, 10)
        .map((b) => b.id)
        .sort(),
    );
    expect(waiting.map((r) => r.id)).toEqual(queue.slice(10).map((b) => b.id));
    const rest = await api("GET", `/api/events/${event.id}/bookings?status=waitlisted&limit=100`, {
      token: org.token,
    });
    expect(rest.body.data.map((b: any) => b.waitlistPosition)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
  });
});
