import { env } from "cloudflare:workers";
import { CompactSign, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import { as, expectProblem, raw } from "../client";
import { cancelBooking } from "../helpers";
import { confirmedBooking, scan, scanBatch, ticketsOf } from "./helpers";

/** A QR code as a key retired by a rotation signed it, before the rotation. */
const signedWithRetiredKey = async (claims: Record<string, unknown>) => {
  const jwk = JSON.parse(env.TEST_RETIRED_TICKET_KEY);
  const key = await importJWK(jwk, "EdDSA");
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: "EdDSA", kid: jwk.kid })
    .sign(key);
};

describe("POST /api/events/{id}/check-ins", () => {
  it("checks a ticket in once: later scans are already_checked_in with the first time", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(2);
    const [first, second] = await ticketsOf(booking.id, attendee.token);
    if (!first || !second) throw new Error("two tickets expected");

    const ok = await scan(event.id, organizer.token, { qr: first.qr });
    expect(ok.result).toBe("ok");
    expect(ok.ticket).toMatchObject({
      id: first.id,
      status: "checked_in",
      holderName: "Ada Lovelace",
    });
    expect(Date.parse(ok.checkedInAt ?? "")).toBeGreaterThan(Date.now() - 60_000);

    const again = await scan(event.id, organizer.token, { qr: first.qr });
    expect(again).toMatchObject({ result: "already_checked_in", checkedInAt: ok.checkedInAt });

    // The list shows it, and the other seat's ticket is still valid.
    const listed = await ticketsOf(booking.id, attendee.token);
    expect(listed.map((t) => [t.status, t.checkedInAt])).toEqual([
      ["checked_in", ok.checkedInAt],
      ["valid", null],
    ]);
  });

  it("answers a scan id sent again exactly as the first time, whatever it carries now", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(2);
    const [first, second] = await ticketsOf(booking.id, attendee.token);
    if (!first || !second) throw new Error("two tickets expected");
    const scanId = crypto.randomUUID();
    const answer = await scan(event.id, organizer.token, { qr: first.qr, scanId });
    expect(answer.result).toBe("ok");
    expect(await scan(event.id, organizer.token, { qr: first.qr, scanId })).toEqual(answer);
    expect(await scan(event.id, organizer.token, { qr: second.qr, scanId })).toEqual(answer);
    // The second ticket was not checked in by the replay.
    expect((await ticketsOf(booking.id, attendee.token))[1]?.status).toBe("valid");
  });

  it("answers revoked for a cancelled booking's ticket, and never checks it in", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(1);
    const [ticket] = await ticketsOf(booking.id, attendee.token);
    await cancelBooking(attendee.token, booking.id);
    const answer = await scan(event.id, organizer.token, { qr: ticket?.qr ?? "" });
    expect(answer).toMatchObject({ result: "revoked", checkedInAt: null });
    expect(answer.ticket?.status).toBe("revoked");
  });

  it("answers invalid for a forged, altered or foreign-signed code, and wrong_event for another event's ticket", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(1);
    const [ticket] = await ticketsOf(booking.id, attendee.token);
    const qr = ticket?.qr ?? "";
    const [header, payload, signature] = qr.split(".");
    const tampered = JSON.parse(atob((payload ?? "").replaceAll("-", "+").replaceAll("_", "/")));
    const altered = btoa(JSON.stringify({ ...tampered, tid: crypto.randomUUID() }))
      .replaceAll("+", "-")
      .replaceAll("/", "_")
      .replace(/=+$/, "");
    for (const bad of ["not a jws", `${header}.${altered}.${signature}`, `${header}.${payload}.`]) {
      expect(await scan(event.id, organizer.token, { qr: bad })).toEqual({
        result: "invalid",
        ticket: null,
        checkedInAt: null,
      });
    }
    const other = await confirmedBooking(1);
    const [foreign] = await ticketsOf(other.booking.id, other.attendee.token);
    expect(await scan(event.id, organizer.token, { qr: foreign?.qr ?? "" })).toEqual({
      result: "wrong_event",
      ticket: null,
      checkedInAt: null,
    });
    // Neither touched the tickets they named.
    expect((await ticketsOf(other.booking.id, other.attendee.token))[0]?.status).toBe("valid");
    expect((await ticketsOf(booking.id, attendee.token))[0]?.status).toBe("valid");
  });

  it("still admits a ticket signed by a retired key that the JWK set publishes", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(1);
    const [ticket] = await ticketsOf(booking.id, attendee.token);
    const qr = await signedWithRetiredKey({
      tid: ticket?.id,
      eid: event.id,
      tt: "general",
      iat: 1,
    });
    expect((await scan(event.id, organizer.token, { qr })).result).toBe("ok");
  });

  it("takes a scannedAt in the future as now, and validates the body", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(1);
    const [ticket] = await ticketsOf(booking.id, attendee.token);
    const answer = await scan(event.id, organizer.token, {
      qr: ticket?.qr ?? "",
      scannedAt: "2099-01-01T00:00:00Z",
    });
    expect(Date.parse(answer.checkedInAt ?? "")).toBeLessThanOrEqual(Date.now());
    for (const body of [
      {},
      { qr: ticket?.qr, scanId: "not-a-uuid" },
      { qr: "", scanId: crypto.randomUUID() },
      { qr: ticket?.qr, scanId: crypto.randomUUID(), scannedAt: "soon" },
    ]) {
      // Raw: bodies the typed client would not let through.
      const res = await raw("POST", `/api/events/${event.id}/check-ins`, {
        token: organizer.token,
        body,
      });
      await expectProblem(res, 422, "validation_failed");
    }
  });
});

describe("POST /api/events/{id}/check-ins/batch", () => {
  it("answers in the order sent; of two scans of one ticket the earlier scannedAt is the check-in", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(2);
    const [first, second] = await ticketsOf(booking.id, attendee.token);
    if (!first || !second) throw new Error("two tickets expected");
    // Scanned offline an hour ago, minutes apart, and sent out of order.
    const hourAgo = Date.now() - 3_600_000;
    const minute = (m: number) => new Date(hourAgo + m * 60_000).toISOString();
    const past = [
      { qr: first.qr, scanId: crypto.randomUUID(), scannedAt: minute(10) },
      { qr: second.qr, scanId: crypto.randomUUID(), scannedAt: minute(0) },
      { qr: first.qr, scanId: crypto.randomUUID(), scannedAt: minute(5) },
      { qr: "garbage", scanId: crypto.randomUUID(), scannedAt: minute(6) },
    ];
    const results = await scanBatch(event.id, organizer.token, past);
    expect(results.map((r) => r.result)).toEqual(["already_checked_in", "ok", "ok", "invalid"]);
    expect(results[0]?.checkedInAt).toBe(minute(5));
    expect(results[2]?.checkedInAt).toBe(minute(5));
    expect(results[1]?.checkedInAt).toBe(minute(0));

    // Sent again, the batch gets the very same answers and changes nothing.
    expect(await scanBatch(event.id, organizer.token, past)).toEqual(results);
  });

  it("moves a check-in back to an earlier scan uploaded late, and answers later scans with that time", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(1);
    const [ticket] = await ticketsOf(booking.id, attendee.token);
    const qr = ticket?.qr ?? "";
    const online = await scan(event.id, organizer.token, { qr });
    expect(online.result).toBe("ok");
    const offline = new Date(Date.now() - 600_000).toISOString();
    const [late] = await scanBatch(event.id, organizer.token, [
      { qr, scanId: crypto.randomUUID(), scannedAt: offline },
    ]);
    expect(late).toMatchObject({ result: "already_checked_in", checkedInAt: offline });
    expect(await scan(event.id, organizer.token, { qr })).toMatchObject({
      result: "already_checked_in",
      checkedInAt: offline,
    });
    expect((await ticketsOf(booking.id, attendee.token))[0]?.checkedInAt).toBe(offline);
  });

  it("takes 1 to 500 scans, and a full batch of 500 fits the body limit", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(1);
    const [ticket] = await ticketsOf(booking.id, attendee.token);
    const scans = Array.from({ length: 500 }, (_, i) => ({
      qr: ticket?.qr ?? "",
      scanId: crypto.randomUUID(),
      scannedAt: new Date(Date.now() - 1_000_000 + i).toISOString(),
    }));
    const results = await scanBatch(event.id, organizer.token, scans);
    expect(results.filter((r) => r.result === "ok")).toHaveLength(1);
    expect(results[0]?.result).toBe("ok");
    for (const body of [{ scans: [] }, { scans: [...scans, scans[0]] }]) {
      const res = await raw("POST", `/api/events/${event.id}/check-ins/batch`, {
        token: organizer.token,
        body,
      });
      await expectProblem(res, 422, "validation_failed");
    }
  });

  it("refuses a batch body over 512 KiB, while every other route keeps 64 KiB", async () => {
    const { organizer, event } = await confirmedBooking(1);
    const padding = "x".repeat(4000);
    const scans = Array.from({ length: 140 }, () => ({
      qr: padding,
      scanId: crypto.randomUUID(),
      scannedAt: new Date().toISOString(),
    }));
    const checkIns = as(organizer.token).api.events[":id"]["check-ins"];
    const big = await checkIns.batch.$post({ param: { id: event.id }, json: { scans } });
    await expectProblem(big, 413, "payload_too_large");
    const single = await checkIns.$post({
      param: { id: event.id },
      json: { qr: "x".repeat(70_000), scanId: crypto.randomUUID() },
    });
    await expectProblem(single, 413, "payload_too_large");
  });
});
