import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FRAME_INTERVAL_MS } from "../../src/ledger/live-viewers";
import { anyone, expectProblem } from "../client";
import { createEvent, registerOrganizer } from "../helpers";
import { eventually, openSocket } from "../notifications/helpers";
import { attendeesFor, book } from "../races/invariants";

describe("live viewers of an event", () => {
  it("get the latest counts at most once per interval, however many bookings land", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 100 });
    const viewer = await openSocket(`/api/events/${event.id}/live`);
    const buyers = await attendeesFor(30);
    const started = Date.now();
    await Promise.all(buyers.map((b) => book(event.id, b)));
    const elapsed = Date.now() - started;
    const final = {
      availableSeats: 70,
      bookedCount: 30,
      heldSeats: 0,
      waitlistCount: 0,
      status: "scheduled",
    };
    const frames = await eventually(
      () => viewer.frames,
      (f) => JSON.stringify(f.at(-1)) === JSON.stringify(final),
    );
    expect(frames.at(-1)).toEqual(final);
    // The welcome frame, then one per interval at most (and one trailing frame).
    expect(frames.length).toBeLessThanOrEqual(2 + Math.ceil(elapsed / FRAME_INTERVAL_MS));
    expect(frames.length).toBeLessThan(buyers.length);
    viewer.socket?.close();
  });

  it("ignore what viewers send, and keep them informed", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const viewer = await openSocket(`/api/events/${event.id}/live`);
    for (let i = 0; i < 20; i++) viewer.socket?.send(`chatter ${i}`);
    const [buyer] = await attendeesFor(1);
    expect((await book(event.id, buyer as { id: string; token: string })).status).toBe(201);
    const frames = await eventually(
      () => viewer.frames,
      (f) => f.at(-1)?.bookedCount === 1,
    );
    expect(frames.at(-1)).toMatchObject({ bookedCount: 1 });
    viewer.socket?.close();
  });

  it("are refused with a problem before the upgrade once the event has its most", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const cap = Number(env.LIVE_VIEWERS_MAX);
    expect(cap).toBe(25);
    const open = await Promise.all(
      Array.from({ length: cap }, () => openSocket(`/api/events/${event.id}/live`)),
    );
    expect(open.every((v) => v.res.status === 101)).toBe(true);
    const refused = await openSocket(`/api/events/${event.id}/live`);
    expect(refused.socket).toBeNull();
    await expectProblem(refused.res, 503, "overloaded");
    expect(refused.res.headers.get("Retry-After")).toBe("30");
    // A viewer leaving makes room for the next.
    open[0]?.socket?.close();
    const next = await eventually(
      () => openSocket(`/api/events/${event.id}/live`),
      (v) => v.res.status === 101,
    );
    expect(next.res.status).toBe(101);
    for (const v of [...open, next]) v.socket?.close();
    expect((await anyone.api.events[":id"].$get({ param: { id: event.id } })).status).toBe(200);
  });
});
