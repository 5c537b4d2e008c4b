import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { as, bodyOf } from "../client";
import { countingD1, zeroCounts } from "../subrequests";
import { attendeesNamed, organizerWithEvent } from "./helpers";

/** A booking route run with a D1 that counts the request path's round trips. */
const counted = async (method: string, path: string, token: string) => {
  const counts = zeroCounts();
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://api.test${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    }),
    { ...env, DB: countingD1(env.DB, counts) },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, roundTrips: counts.d1 };
};

const hold = async (token: string, eventId: string, attendeeId: string) =>
  bodyOf(
    await as(token).api.bookings.$post({
      json: { eventId, attendeeId, seats: 2, hold: true },
      header: {},
    }),
    201,
  );

describe("reading, confirming and cancelling a booking, and listing its tickets", () => {
  it("check the caller in the same D1 round trip as the booking's read", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 10 });
    const [attendee] = await attendeesNamed("Ada Lovelace");
    const held = await hold(attendee.token, event.id, attendee.id);
    expect(held.status).toBe("pending");

    const confirmed = await counted("POST", `/api/bookings/${held.id}/confirm`, attendee.token);
    expect(confirmed.res.status).toBe(200);
    expect(await confirmed.res.json()).toMatchObject({ status: "confirmed" });
    expect(confirmed.roundTrips).toBe(1);

    // A confirmed booking read by its attendee carries its tickets link, with no read of its own.
    const read = await counted("GET", `/api/bookings/${held.id}`, attendee.token);
    expect(read.res.status).toBe(200);
    expect(await read.res.json()).toMatchObject({
      ticketsUrl: expect.stringContaining("/tickets/"),
    });
    expect(read.roundTrips).toBe(1);
    const byOrganizer = await counted("GET", `/api/bookings/${held.id}`, organizer.token);
    expect(byOrganizer.res.status).toBe(200);
    expect(byOrganizer.roundTrips).toBe(1);

    const tickets = await counted("GET", `/api/bookings/${held.id}/tickets`, attendee.token);
    expect(tickets.res.status).toBe(200);
    expect(((await tickets.res.json()) as { data: unknown[] }).data).toHaveLength(2);
    expect(tickets.roundTrips).toBe(1);
    const [stranger] = await attendeesNamed("Stranger");
    const hidden = await counted("GET", `/api/bookings/${held.id}/tickets`, stranger.token);
    expect(hidden.res.status).toBe(404);

    const cancelled = await counted("DELETE", `/api/bookings/${held.id}`, attendee.token);
    expect(cancelled.res.status).toBe(200);
    expect(cancelled.roundTrips).toBe(1);
  });

  it("refuse a token no longer good before telling anything, and change nothing", async () => {
    const { organizer, event } = await organizerWithEvent({ capacity: 10 });
    const [leaver, other] = await attendeesNamed("Leaver", "Other");
    const held = await hold(leaver.token, event.id, leaver.id);
    // The attendee is leaving: their signed token still verifies, and D1 refuses it.
    await env.DB.prepare("UPDATE attendees SET leaving_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), leaver.id)
      .run();
    for (const [method, path] of [
      ["POST", `/api/bookings/${held.id}/confirm`],
      ["GET", `/api/bookings/${held.id}`],
      ["DELETE", `/api/bookings/${held.id}`],
      ["GET", `/api/bookings/${held.id}/tickets`],
      ["GET", "/api/bookings/no-such-booking"],
    ] as const) {
      const { res } = await counted(method, path, leaver.token);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.json()).toMatchObject({ status: 401 });
    }
    const [stored] = (
      await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(held.id).all()
    ).results;
    expect(stored).toEqual({ status: "pending" });

    // Another attendee's good token is 403 on it; a forged one is 401.
    expect((await counted("GET", `/api/bookings/${held.id}`, other.token)).res.status).toBe(403);
    const forged = `${other.token.slice(0, -4)}AAAA`;
    expect((await counted("GET", `/api/bookings/${held.id}`, forged)).res.status).toBe(401);

    // An organizer whose password changed after the token was issued is refused too.
    await env.DB.prepare("UPDATE users SET password_changed_at = ? WHERE id = ?")
      .bind(Math.floor(Date.now() / 1000) + 60, organizer.id)
      .run();
    expect((await counted("GET", `/api/bookings/${held.id}`, organizer.token)).res.status).toBe(
      401,
    );
  });
});
