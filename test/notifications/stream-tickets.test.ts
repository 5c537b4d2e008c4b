import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, as, bodyOf, expectProblem } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { eventually, openSocket } from "./helpers";

const newTicket = async (token: string) => {
  const res = await as(token).api.notifications["stream-ticket"].$post();
  return { headers: res.headers, body: await bodyOf(res, 201) };
};

describe("POST /api/notifications/stream-ticket", () => {
  it("issues a one-minute ticket that opens the attendee's stream once", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const alice = await registerAttendee("Alice");
    const before = Date.now();
    const issued = await newTicket(alice.token);
    const { ticket, expiresAt } = issued.body;
    expect(Object.keys(issued.body).sort()).toEqual(["expiresAt", "ticket"]);
    expect(ticket).toMatch(/^st_[A-Za-z0-9_-]{43}$/);
    expect(issued.headers.get("Location")).toBe(`/api/notifications/stream?ticket=${ticket}`);
    expect(Date.parse(expiresAt) - before).toBeGreaterThanOrEqual(59_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    const stored = await env.DB.prepare("SELECT ticket_hash FROM stream_tickets").all();
    expect(JSON.stringify(stored.results)).not.toContain(ticket);

    const stream = await openSocket(`/api/notifications/stream?ticket=${ticket}`);
    expect(stream.res.status).toBe(101);
    await as(alice.token).api.bookings.$post({
      header: {},
      json: { eventId: event.id, attendeeId: alice.id },
    });
    await eventually(
      () => stream.frames.length,
      (n) => n >= 1,
    );
    expect(stream.frames[0]).toMatchObject({ type: "booking.confirmed", eventId: event.id });
    stream.socket?.close();

    const reused = await openSocket(`/api/notifications/stream?ticket=${ticket}`);
    await expectProblem(reused.res, 401, "unauthorized");
    expect(reused.res.headers.get("WWW-Authenticate")).toBe("Bearer");
    expect(reused.socket).toBeNull();
  });

  it("refuses an expired or unknown ticket, and keeps one a plain GET did not use", async () => {
    const alice = await registerAttendee();
    const { ticket } = (await newTicket(alice.token)).body;
    const plain = await anyone.api.notifications.stream.$get({ query: { ticket }, header: {} });
    await expectProblem(plain, 426, "upgrade_required");
    expect((await openSocket(`/api/notifications/stream?ticket=${ticket}`)).res.status).toBe(101);

    const expiring = (await newTicket(alice.token)).body.ticket;
    await env.DB.prepare("UPDATE stream_tickets SET expires_at = ? WHERE attendee_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), alice.id)
      .run();
    const expired = await openSocket(`/api/notifications/stream?ticket=${expiring}`);
    await expectProblem(expired.res, 401, "unauthorized");
    const unknown = await openSocket("/api/notifications/stream?ticket=st_nope");
    await expectProblem(unknown.res, 401, "unauthorized");
  });

  it("is for attendees: 401 without a token, 403 for an organizer", async () => {
    const org = await registerOrganizer();
    await expectProblem(
      await anyone.api.notifications["stream-ticket"].$post(),
      401,
      "unauthorized",
    );
    await expectProblem(
      await as(org.token).api.notifications["stream-ticket"].$post(),
      403,
      "forbidden",
    );
  });

  it("keeps at most 10 unused tickets per attendee, dropping the oldest", async () => {
    const alice = await registerAttendee();
    const tickets = [];
    for (let i = 0; i < 12; i++) tickets.push((await newTicket(alice.token)).body.ticket);
    const count = await env.DB.prepare(
      "SELECT count(*) AS n FROM stream_tickets WHERE attendee_id = ?",
    )
      .bind(alice.id)
      .first<{ n: number }>();
    expect(count?.n).toBe(10);
    const oldest = await openSocket(`/api/notifications/stream?ticket=${tickets[0]}`);
    await expectProblem(oldest.res, 401, "unauthorized");
    const newest = await openSocket(`/api/notifications/stream?ticket=${tickets[11]}`);
    expect(newest.res.status).toBe(101);
    newest.socket?.close();
  });
});
