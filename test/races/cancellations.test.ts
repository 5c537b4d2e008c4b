import { describe, expect, it } from "vitest";
import { as, type Booking, bodyIn, bodyOf } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { attendeesFor, book, expectInvariants } from "./invariants";

describe("parallel cancellations", () => {
  it("promote exactly the first 10 waitlisted, in arrival order", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 10, waitlistEnabled: true });
    const buyers = await attendeesFor(30);
    // Sequential bookings fix the arrival order the waitlist must respect.
    const booked: Booking[] = [];
    for (const buyer of buyers) booked.push(bodyIn(await book(event.id, buyer), 201));
    const holders = booked.filter((b) => b.status === "confirmed");
    const queue = booked.filter((b) => b.status === "waitlisted");
    expect(holders).toHaveLength(10);

    const answers = await Promise.all(
      holders.map((b, i) =>
        as(buyers[booked.indexOf(b)]?.token ?? String(i)).api.bookings[":id"].$delete({
          param: { id: b.id },
        }),
      ),
    );
    const cancelled = await Promise.all(answers.map((r) => bodyOf(r, 200)));
    const promotedIds = cancelled.map((r) => r.promoted?.id).filter(Boolean);
    expect(new Set(promotedIds)).toEqual(new Set(queue.slice(0, 10).map((b) => b.id)));

    const { confirmed, waiting } = await expectInvariants(event.id, 10);
    expect(confirmed.map((r) => r.id).sort()).toEqual(
      queue
        .slice(0, 10)
        .map((b) => b.id)
        .sort(),
    );
    expect(waiting.map((r) => r.id)).toEqual(queue.slice(10).map((b) => b.id));
    const rest = await as(org.token).api.events[":id"].bookings.$get({
      param: { id: event.id },
      query: { status: "waitlisted", limit: "100" },
    });
    expect((await bodyOf(rest, 200)).data.map((b) => b.waitlistPosition)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
  });
});
