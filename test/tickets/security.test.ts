import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { anyone, as, expectProblem, raw } from "../client";
import { BASE, registerAttendee, registerOrganizer } from "../helpers";
import { confirmedBooking, ticketsOf } from "./helpers";

/** One request through an app whose deployment forgot the ticket key. */
const withoutTicketKey = async (path: string, init: RequestInit = {}) => {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(
    new Request(`${BASE}${path}`, init),
    { ...env, TICKET_SIGNING_KEY: undefined },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

describe("who may see and scan tickets", () => {
  it("tells another organizer and another attendee that the booking does not exist", async () => {
    const { booking } = await confirmedBooking(1);
    const stranger = await registerOrganizer();
    const otherAttendee = await registerAttendee();
    const param = { id: booking.id };
    for (const token of [stranger.token, otherAttendee.token]) {
      const ofBooking = as(token).api.bookings[":id"];
      for (const res of [
        await ofBooking.tickets.$get({ param }),
        await ofBooking["calendar.ics"].$get({ param }),
      ]) {
        await expectProblem(res, 404, "booking_not_found");
      }
    }
    const nobody = await anyone.api.bookings[":id"].tickets.$get({ param });
    await expectProblem(nobody, 401, "unauthorized");
  });

  it("lets only the event's organizer check in or list revocations: another organizer gets 404, an attendee 403", async () => {
    const { event, attendee, booking } = await confirmedBooking(1);
    const [ticket] = await ticketsOf(booking.id, attendee.token);
    const stranger = await registerOrganizer();
    const scanBody = { qr: ticket?.qr, scanId: crypto.randomUUID() };
    const batchBody = { scans: [{ ...scanBody, scannedAt: new Date().toISOString() }] };
    const calls = [
      ["POST", `/api/events/${event.id}/check-ins`, scanBody],
      ["POST", `/api/events/${event.id}/check-ins/batch`, batchBody],
      ["GET", `/api/events/${event.id}/revoked-tickets`, undefined],
    ] as const;
    // One table over the three door routes: the untyped way in serves them all alike.
    for (const [method, path, body] of calls) {
      const asStranger = await raw(method, path, { token: stranger.token, body });
      await expectProblem(asStranger, 404, "event_not_found");
      await expectProblem(
        await raw(method, path, { token: attendee.token, body }),
        403,
        "forbidden",
      );
      await expectProblem(await raw(method, path, { body }), 401, "unauthorized");
    }
    // Nobody's attempt checked the ticket in.
    expect((await ticketsOf(booking.id, attendee.token))[0]?.status).toBe("valid");
  });

  it("answers 404 for check-ins at an unknown event", async () => {
    const organizer = await registerOrganizer();
    const res = await as(organizer.token).api.events[":id"]["check-ins"].$post({
      param: { id: crypto.randomUUID() },
      json: { qr: "x", scanId: crypto.randomUUID() },
    });
    await expectProblem(res, 404, "event_not_found");
  });
});

describe("without TICKET_SIGNING_KEY", () => {
  it("refuses tickets, check-ins and the key set with 500 misconfigured, never signing with another key", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(1);
    const tickets = await withoutTicketKey(`/api/bookings/${booking.id}/tickets`, {
      headers: { Authorization: `Bearer ${attendee.token}` },
    });
    expect(tickets.status).toBe(500);
    expect(tickets.body.code).toBe("misconfigured");
    const keys = await withoutTicketKey("/.well-known/ticket-keys.json");
    expect(keys.body.code).toBe("misconfigured");
    const checkIn = await withoutTicketKey(`/api/events/${event.id}/check-ins`, {
      method: "POST",
      headers: { Authorization: `Bearer ${organizer.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ qr: "x", scanId: crypto.randomUUID() }),
    });
    expect(checkIn.status).toBe(500);
    expect(checkIn.body.code).toBe("misconfigured");
    // Reading the booking still works; it just carries no link to tickets nobody can sign.
    const ctx = createExecutionContext();
    const read = await createApp().fetch(
      new Request(`${BASE}/api/bookings/${booking.id}`, {
        headers: { Authorization: `Bearer ${attendee.token}` },
      }),
      { ...env, TICKET_SIGNING_KEY: undefined },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { ticketsUrl?: string }).ticketsUrl).toBeUndefined();
  });

  it("refuses a malformed key the same way", async () => {
    const ctx = createExecutionContext();
    const res = await createApp().fetch(
      new Request(`${BASE}/.well-known/ticket-keys.json`),
      { ...env, TICKET_SIGNING_KEY: '{"kty":"oct","k":"c2VjcmV0"}' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { code: string }).code).toBe("misconfigured");
  });
});
