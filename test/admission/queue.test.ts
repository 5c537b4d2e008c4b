import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { signPass } from "../../src/admission/pass";
import { anyone, as, bodyOf, expectProblem } from "../client";
import {
  createEvent,
  eventOf,
  registerAttendee,
  registerAttendees,
  registerOrganizer,
} from "../helpers";
import { bookWith, entryOf, join, joined, queuedEvent } from "./helpers";

const bookingsOf = async (organizerToken: string, eventId: string) =>
  (
    await bodyOf(
      await as(organizerToken).api.events[":id"].bookings.$get({
        param: { id: eventId },
        query: {},
      }),
      200,
    )
  ).data;

/** The pass key as a receiver would derive it from the shared secret, without the project's code. */
const passKey = async () => {
  const encoder = new TextEncoder();
  const base = await crypto.subtle.importKey("raw", encoder.encode(env.JWT_SECRET), "HKDF", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("event-booking"),
      info: encoder.encode("admission pass v1"),
    },
    base,
    256,
  );
  return new Uint8Array(bits);
};

describe("an event's queue settings", () => {
  it("default to no queue at 600 a minute, and are shown and changed like any field", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    expect(event).toMatchObject({ queueEnabled: false, admitPerMinute: 600 });
    const changed = await bodyOf(
      await as(organizer.token).api.events[":id"].$patch({
        param: { id: event.id },
        json: { queueEnabled: true, admitPerMinute: 120 },
      }),
      200,
    );
    expect(changed).toMatchObject({ queueEnabled: true, admitPerMinute: 120 });
    expect(await eventOf(event.id)).toMatchObject({ queueEnabled: true, admitPerMinute: 120 });
  });

  it("refuse a rate outside 60..60,000 a minute, leaving the event as it was", async () => {
    const { organizer, event } = await queuedEvent();
    for (const admitPerMinute of [59, 60_001, 1.5]) {
      const res = await as(organizer.token).api.events[":id"].$patch({
        param: { id: event.id },
        json: { admitPerMinute },
      });
      expect((await expectProblem(res, 422, "validation_failed")).errors?.[0]?.path).toBe(
        "admitPerMinute",
      );
    }
    expect((await eventOf(event.id)).admitPerMinute).toBe(600);
  });
});

describe("POST /api/events/{id}/queue", () => {
  it("admits a joiner at once while the open queue has room, with a pass naming them", async () => {
    const { event } = await queuedEvent();
    const attendee = await registerAttendee();
    const res = await join(event.id, attendee);
    const entry = await bodyOf(res, 201);
    expect(res.headers.get("Location")).toBe(`/api/events/${event.id}/queue/${entry.id}`);
    expect(entry).toMatchObject({
      eventId: event.id,
      attendeeId: attendee.id,
      status: "admitted",
      position: null,
      estimatedWaitSeconds: null,
    });
    const expiresIn = Date.parse(entry.passExpiresAt as string) - Date.now();
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000 + 1_000);
    // A compact JWS any JOSE library verifies with the derived key.
    const pass = entry.pass as string;
    expect(decodeProtectedHeader(pass)).toEqual({ alg: "HS256", typ: "admission+jwt" });
    const { payload } = await jwtVerify(pass, await passKey(), { typ: "admission+jwt" });
    expect(payload).toMatchObject({ sub: attendee.id, evt: event.id, jti: entry.id });
    expect((payload.exp as number) * 1000).toBe(Date.parse(entry.passExpiresAt as string));
  });

  it("answers 200 with the same entry to a second join while it holds", async () => {
    const { event } = await queuedEvent();
    const attendee = await registerAttendee();
    const first = await joined(event.id, attendee);
    const again = await bodyOf(await join(event.id, attendee), 200);
    expect(again.id).toBe(first.id);
    expect(again.pass).toBe(first.pass);
  });

  it("keeps joiners before the sale in a pre-queue with no position until the draw", async () => {
    const salesStartAt = new Date(Date.now() + 3_600_000).toISOString();
    const { organizer, event } = await queuedEvent({ salesStartAt });
    const [ann, bob] = await registerAttendees("Ann", "Bob");
    for (const attendee of [ann, bob]) {
      expect(await joined(event.id, attendee)).toMatchObject({
        status: "waiting",
        position: null,
        estimatedWaitSeconds: null,
        pass: null,
        passExpiresAt: null,
      });
    }
    const summary = await as(organizer.token).api.events[":id"].queue.$get({
      param: { id: event.id },
    });
    expect(await bodyOf(summary, 200)).toEqual({ waiting: 2, admitted: 0, admitPerMinute: 600 });
  });

  it("refuses events without a queue, unknown events, organizers and anonymous callers", async () => {
    const organizer = await registerOrganizer();
    const plain = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    await expectProblem(await join(plain.id, attendee), 409, "event_not_bookable");
    await expectProblem(await join("no-such-event", attendee), 404, "event_not_found");
    await expectProblem(await join(plain.id, organizer), 403, "forbidden");
    await expectProblem(
      await anyone.api.events[":id"].queue.$post({ param: { id: plain.id } }),
      401,
      "unauthorized",
    );
    // Nothing was queued: the organizer's counts stay empty.
    const counts = await as(organizer.token).api.events[":id"].queue.$get({
      param: { id: plain.id },
    });
    expect(await bodyOf(counts, 200)).toEqual({ waiting: 0, admitted: 0, admitPerMinute: 600 });
  });

  it("opens to joins the moment the organizer turns the queue on", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const attendee = await registerAttendee();
    await expectProblem(await join(event.id, attendee), 409, "event_not_bookable");
    await bodyOf(
      await as(organizer.token).api.events[":id"].$patch({
        param: { id: event.id },
        json: { queueEnabled: true },
      }),
      200,
    );
    expect((await join(event.id, attendee)).status).toBe(201);
  });

  it("refuses a cancelled event", async () => {
    const { organizer, event } = await queuedEvent();
    await bodyOf(
      await as(organizer.token).api.events[":id"].$patch({
        param: { id: event.id },
        json: { status: "cancelled" },
      }),
      200,
    );
    await expectProblem(await join(event.id, await registerAttendee()), 409, "event_not_bookable");
  });
});

describe("GET /api/events/{id}/queue/{entryId}", () => {
  it("answers the attendee's own entry, and 404 to anyone else's", async () => {
    const { organizer, event } = await queuedEvent();
    const [ann, bob] = await registerAttendees("Ann", "Bob");
    const entry = await joined(event.id, ann);
    expect(await bodyOf(await entryOf(event.id, entry.id, ann), 200)).toEqual(entry);
    await expectProblem(await entryOf(event.id, entry.id, bob), 404, "not_found");
    await expectProblem(await entryOf(event.id, "no-such-entry", ann), 404, "not_found");
    await expectProblem(await entryOf("another-event", entry.id, ann), 404, "not_found");
    await expectProblem(await entryOf(event.id, entry.id, organizer), 403, "forbidden");
  });

  it("leaves nothing stored behind for an event id no queue has", async () => {
    const attendee = await registerAttendee();
    const id = `no-such-event-${Date.now()}`;
    await expectProblem(await entryOf(id, "any-entry", attendee), 404, "not_found");
    const tables = await runInDurableObject(
      env.ADMISSION_QUEUE.get(env.ADMISSION_QUEUE.idFromName(id)),
      (_, state) => state.storage.sql.exec("SELECT name FROM sqlite_master").toArray(),
    );
    expect(tables.filter((t) => !String(t.name).startsWith("_cf"))).toEqual([]);
  });
});

describe("GET /api/events/{id}/queue", () => {
  it("is the event's organizer's alone", async () => {
    const { event } = await queuedEvent();
    const other = await registerOrganizer("Another Ltd");
    const attendee = await registerAttendee();
    const get = (token: string) =>
      as(token).api.events[":id"].queue.$get({ param: { id: event.id } });
    await expectProblem(await get(other.token), 403, "forbidden");
    await expectProblem(await get(attendee.token), 403, "forbidden");
    await expectProblem(
      await as(other.token).api.events[":id"].queue.$get({ param: { id: "no-such-event" } }),
      404,
      "event_not_found",
    );
  });
});

describe("booking an event with a queue", () => {
  it("needs a pass: none is 428, and nothing is booked", async () => {
    const { organizer, event } = await queuedEvent();
    const attendee = await registerAttendee();
    await expectProblem((await bookWith(event.id, attendee)) as never, 428, "admission_required");
    expect(await bookingsOf(organizer.token, event.id)).toEqual([]);
    expect((await eventOf(event.id)).bookedCount).toBe(0);
  });

  it("books with the attendee's pass, once: the pass is used up", async () => {
    const { organizer, event } = await queuedEvent({ capacity: 5 });
    const attendee = await registerAttendee();
    const entry = await joined(event.id, attendee);
    const booked = await bookWith(event.id, attendee, entry.pass as string);
    expect(booked.status).toBe(201);
    const [booking] = await bookingsOf(organizer.token, event.id);
    await bodyOf(
      await as(attendee.token).api.bookings[":id"].$delete({
        param: { id: booking?.id as string },
      }),
      200,
    );
    const again = await bookWith(event.id, attendee, entry.pass as string);
    await expectProblem(again as never, 409, "admission_expired");
    expect((await bookingsOf(organizer.token, event.id)).map((b) => b.status)).toEqual([
      "cancelled",
    ]);
    // Used, the entry lets its holder join again at the back of the line.
    const next = await join(event.id, attendee);
    expect(next.status).toBe(201);
  });

  it("lets one of many parallel bookings with the same pass through", async () => {
    const { organizer, event } = await queuedEvent({ capacity: 50, maxSeatsPerBooking: 1 });
    const attendee = await registerAttendee();
    const { pass } = await joined(event.id, attendee);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => bookWith(event.id, attendee, pass as string)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await bookingsOf(organizer.token, event.id)).toHaveLength(1);
  });

  it("refuses another attendee's pass, another event's and a forged one with 403", async () => {
    const { event } = await queuedEvent();
    const { event: other } = await queuedEvent();
    const [ann, bob] = await registerAttendees("Ann", "Bob");
    const annPass = (await joined(event.id, ann)).pass as string;
    const annOtherPass = (await joined(other.id, ann)).pass as string;
    const [header, payload, signature] = annPass.split(".");
    const claims = JSON.parse(atob((payload as string).replace(/-/g, "+").replace(/_/g, "/")));
    const forgedPayload = btoa(JSON.stringify({ ...claims, sub: bob.id }))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    const refusals: [typeof ann, string][] = [
      [bob, annPass],
      [ann, annOtherPass],
      [bob, `${header}.${forgedPayload}.${signature}`],
      [ann, `${header}.${payload}.${(signature as string).slice(0, -2)}AA`],
      [ann, "not-a-pass"],
      [ann, `${header}.${payload}.`],
    ];
    for (const [attendee, pass] of refusals) {
      await expectProblem(
        (await bookWith(event.id, attendee, pass)) as never,
        403,
        "admission_invalid",
      );
    }
    expect((await eventOf(event.id)).bookedCount).toBe(0);
  });

  it("refuses an expired pass with 409, and a pass signed with another key with 403", async () => {
    const { event } = await queuedEvent();
    const attendee = await registerAttendee();
    const claims = { entryId: "entry-1", eventId: event.id, attendeeId: attendee.id };
    const expired = await signPass(env, { ...claims, expiresAt: Date.now() - 60_000 });
    await expectProblem(
      (await bookWith(event.id, attendee, expired)) as never,
      409,
      "admission_expired",
    );
    const foreign = await signPass(
      { JWT_SECRET: "another-secret-that-is-long-enough-for-hs256" },
      { ...claims, expiresAt: Date.now() + 60_000 },
    );
    await expectProblem(
      (await bookWith(event.id, attendee, foreign)) as never,
      403,
      "admission_invalid",
    );
    expect((await eventOf(event.id)).bookedCount).toBe(0);
  });

  it("needs no pass once the organizer turns the queue off, and ignores one sent", async () => {
    const { organizer, event } = await queuedEvent();
    const [ann, bob] = await registerAttendees("Ann", "Bob");
    const { pass } = await joined(event.id, ann);
    await bodyOf(
      await as(organizer.token).api.events[":id"].$patch({
        param: { id: event.id },
        json: { queueEnabled: false },
      }),
      200,
    );
    expect((await bookWith(event.id, bob)).status).toBe(201);
    expect((await bookWith(event.id, ann, pass as string)).status).toBe(201);
  });
});
