import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { as, bodyOf, expectProblem } from "../client";
import { countingD1, zeroCounts } from "../subrequests";
import { attendeesNamed, book, booked, expectCounters, organizerWithEvent } from "./helpers";

const encoder = new TextEncoder();

/** The attendee tokens' key, derived here as the contract of the format says, not by the project. */
const attendeeKey = async () => {
  const base = await crypto.subtle.importKey("raw", encoder.encode(env.JWT_SECRET), "HKDF", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("event-booking"),
      info: encoder.encode("attendee token v1"),
    },
    base,
    256,
  );
  return new Uint8Array(bits);
};

const jwsOf = (token: string) => token.slice("at_".length);

/** The booking route run with a D1 that counts the request path's round trips. */
const bookCounting = async (token: string, eventId: string, attendeeId: string) => {
  const counts = zeroCounts();
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request("http://api.test/api/bookings", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ eventId, attendeeId }),
    }),
    { ...env, DB: countingD1(env.DB, counts) },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, roundTrips: counts.d1 };
};

describe("signed attendee tokens", () => {
  it("are at_ and a compact JWS naming the attendee, with 128 random bits", async () => {
    const [first, second] = await attendeesNamed("First", "Second");
    for (const attendee of [first, second]) {
      const jws = jwsOf(attendee.token);
      expect(attendee.token.startsWith("at_")).toBe(true);
      expect(decodeProtectedHeader(jws)).toEqual({ alg: "HS256", typ: "attendee+jwt" });
      const { payload } = await jwtVerify(jws, await attendeeKey(), {
        algorithms: ["HS256"],
        typ: "attendee+jwt",
      });
      expect(payload.sub).toBe(attendee.id);
      expect(payload.exp).toBeUndefined();
      // Base64url carries 6 bits a character.
      expect(String(payload.jti).length * 6).toBeGreaterThanOrEqual(128);
    }
    expect(jwsOf(first.token)).not.toBe(jwsOf(second.token));
    // Its key is its own: the organizers' JWT secret does not verify it.
    await expect(
      jwtVerify(jwsOf(first.token), encoder.encode(env.JWT_SECRET), { algorithms: ["HS256"] }),
    ).rejects.toThrow();
  });

  it("book with no D1 round trip on the request path once the isolate knows the event", async () => {
    const { event } = await organizerWithEvent({ capacity: 5 });
    const [first, second] = await attendeesNamed("First Buyer", "Second Buyer");
    const warm = await bookCounting(first.token, event.id, first.id);
    expect(warm.res.status).toBe(201);
    expect(warm.roundTrips).toBeLessThanOrEqual(1);

    const hot = await bookCounting(second.token, event.id, second.id);
    expect(hot.res.status).toBe(201);
    expect(hot.roundTrips).toBe(0);
    // The name comes from the ledger's D1 copy, which checked the attendee.
    expect(await hot.res.json()).toMatchObject({
      status: "confirmed",
      attendee: { id: second.id, name: "Second Buyer" },
    });
    await expectCounters(event.id, { bookedCount: 2, availableSeats: 3, waitlistCount: 0 });
  });

  it("carry the name the attendee has now, not the one they registered with", async () => {
    const { event } = await organizerWithEvent({ capacity: 5 });
    const [renamed] = await attendeesNamed("Old Name");
    const patched = await as(renamed.token).api.attendees[":id"].$patch({
      param: { id: renamed.id },
      json: { name: "New Name" },
    });
    await bodyOf(patched, 200);
    expect((await booked(event.id, renamed)).attendee.name).toBe("New Name");
  });

  it("refuse a forged or altered token with 401 before any storage is read", async () => {
    const { event } = await organizerWithEvent({ capacity: 5 });
    const [victim, forger] = await attendeesNamed("Victim", "Forger");
    await booked(event.id, forger);
    const [header, , signature] = jwsOf(forger.token).split(".");
    const claims = { sub: victim.id, jti: "x".repeat(22), iat: 1 };
    const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
    const forgeries = {
      "another attendee's id under the forger's signature": `at_${header}.${payload}.${signature}`,
      "signed with the organizers' JWT secret": `at_${await new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256", typ: "attendee+jwt" })
        .sign(encoder.encode(env.JWT_SECRET))}`,
      "unsigned (alg none)": `at_${Buffer.from('{"alg":"none","typ":"attendee+jwt"}').toString("base64url")}.${payload}.`,
    };
    for (const [what, token] of Object.entries(forgeries)) {
      const { res, roundTrips } = await bookCounting(token, event.id, victim.id);
      await expectProblem(res, 401, "unauthorized");
      expect(roundTrips, what).toBe(0);
      await expectProblem(
        await as(token).api.attendees[":id"].$get({ param: { id: victim.id } }),
        401,
        "unauthorized",
      );
    }
    await expectCounters(event.id, { bookedCount: 1, availableSeats: 4, waitlistCount: 0 });
  });

  it("leave opaque tokens issued before them working, through D1", async () => {
    const { event } = await organizerWithEvent({ capacity: 5 });
    const token = `at_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url")}`;
    const hash = Buffer.from(await crypto.subtle.digest("SHA-256", encoder.encode(token))).toString(
      "hex",
    );
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO attendees (id, name, email, locale, token_hash, notify_email, notify_push,
         notify_websocket, created_at, updated_at)
       VALUES (?, 'Early Bird', ?, 'en', ?, 1, 1, 1, ?, ?)`,
    )
      .bind(id, `${id}@example.com`, hash, now, now)
      .run();

    // One round trip finds the token's attendee, and the event.
    const made = await bookCounting(token, event.id, id);
    expect(made.roundTrips).toBe(1);
    expect(made.res.status).toBe(201);
    expect(((await made.res.json()) as { attendee: unknown }).attendee).toEqual({
      id,
      name: "Early Bird",
    });
    expect(
      (await bodyOf(await as(token).api.attendees[":id"].$get({ param: { id } }), 200)).name,
    ).toBe("Early Bird");
    await expectProblem(await book(`${token.slice(0, -2)}xx`, event.id, id), 401, "unauthorized");
  });
});
