import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as, bodyOf } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { type ScanAnswer, scanBatch, type Ticket, ticketsOf } from "../tickets/helpers";
import { ledgerStub } from "./invariants";

const SCANNERS = 20;
const TICKETS = 50;

interface Sent {
  ticketId: string;
  scanId: string;
  scannedAt: string;
  answer: Promise<ScanAnswer>;
}

describe("20 scanners at one door", () => {
  it("check each of 50 tickets in exactly once, at the earliest scan, whatever the interleaving", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { capacity: 100, maxSeatsPerBooking: 10 });
    const tickets: Ticket[] = [];
    for (let b = 0; b < TICKETS / 10; b++) {
      const attendee = await registerAttendee(`Holder ${b}`);
      const res = await as(attendee.token).api.bookings.$post({
        json: { eventId: event.id, attendeeId: attendee.id, seats: 10 },
        header: {},
      });
      const booking = await bodyOf(res, 201);
      expect(booking.status).toBe("confirmed");
      tickets.push(...(await ticketsOf(booking.id, attendee.token)));
    }
    expect(tickets).toHaveLength(TICKETS);

    // Scanner s saw ticket i at base + s seconds; the offline scanners saw odd tickets a
    // minute earlier still, so for those the earliest scan arrives in a batch.
    const base = Date.now() - 3_600_000;
    const seenAt = (s: number, i: number) =>
      new Date(base + s * 1000 - (s >= SCANNERS / 2 && i % 2 === 1 ? 60_000 : 0)).toISOString();
    const sent: Sent[] = [];
    const requests: Promise<unknown>[] = [];

    for (let s = 0; s < SCANNERS / 2; s++) {
      tickets.forEach((ticket, i) => {
        const scanId = crypto.randomUUID();
        const body = { qr: ticket.qr, scanId, scannedAt: seenAt(s, i) };
        // Every other online scanner sends each scan twice, as a retry after a lost answer.
        for (let copy = 0; copy < (s % 2 === 0 ? 2 : 1); copy++) {
          const answer: Promise<ScanAnswer> = as(organizer.token)
            .api.events[":id"]["check-ins"].$post({ param: { id: event.id }, json: body })
            .then((res) => bodyOf(res, 200));
          sent.push({ ticketId: ticket.id, scanId, scannedAt: body.scannedAt, answer });
          requests.push(answer);
        }
      });
    }
    for (let s = SCANNERS / 2; s < SCANNERS; s++) {
      const scans = tickets.map((ticket, i) => ({
        qr: ticket.qr,
        scanId: crypto.randomUUID(),
        scannedAt: seenAt(s, i),
      }));
      // A scan repeated inside the batch, and two scanners that upload their batch twice.
      const upload = [...scans, scans[0] as (typeof scans)[number]];
      for (let copy = 0; copy < (s < SCANNERS / 2 + 2 ? 2 : 1); copy++) {
        const results = scanBatch(event.id, organizer.token, upload);
        requests.push(results);
        upload.forEach((scan, k) => {
          sent.push({
            ticketId: tickets[k % TICKETS]?.id ?? "",
            scanId: scan.scanId,
            scannedAt: scan.scannedAt,
            answer: results.then((r) => r[k] as ScanAnswer),
          });
        });
      }
    }
    await Promise.all(requests);
    const answered = await Promise.all(sent.map(async (s) => ({ ...s, got: await s.answer })));

    const final = new Map(
      (
        await Promise.all(
          [...new Set(tickets.map((t) => t.bookingId))].map((id) => ticketsOf(id, organizer.token)),
        )
      )
        .flat()
        .map((t) => [t.id, t]),
    );
    for (const ticket of tickets) {
      const scans = answered.filter((a) => a.ticketId === ticket.id);
      const earliest = scans.map((a) => a.scannedAt).sort()[0];
      const distinct = new Map(scans.map((a) => [a.scanId, a]));
      const oks = [...distinct.values()].filter((a) => a.got.result === "ok");
      expect(oks).toHaveLength(1);
      expect(final.get(ticket.id)).toMatchObject({ status: "checked_in", checkedInAt: earliest });
      for (const a of scans) {
        // The same scan id always got the same answer.
        expect(a.got).toEqual(distinct.get(a.scanId)?.got);
        if (a.got.result === "ok") {
          expect(a.got.checkedInAt).toBe(a.scannedAt);
          continue;
        }
        expect(a.got.result).toBe("already_checked_in");
        // The check-in as it stood when this scan was decided: never later than the scan.
        expect(a.got.checkedInAt && a.got.checkedInAt <= a.scannedAt).toBe(true);
        expect(a.got.checkedInAt && a.got.checkedInAt >= (earliest ?? "")).toBe(true);
      }
    }

    // Once every upload is in, every scan is told the earliest time.
    const after = await scanBatch(
      event.id,
      organizer.token,
      tickets.map((t) => ({
        qr: t.qr,
        scanId: crypto.randomUUID(),
        scannedAt: new Date().toISOString(),
      })),
    );
    after.forEach((answer, i) => {
      expect(answer).toMatchObject({
        result: "already_checked_in",
        checkedInAt: final.get(tickets[i]?.id ?? "")?.checkedInAt,
      });
    });

    // One check-in recorded per ticket in the ledger's change log, which D1 copies.
    const checkIns = await runInDurableObject(
      ledgerStub(event.id),
      (_, state) =>
        state.storage.sql
          .exec<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE type = 'ticket.checked_in'")
          .one().n,
    );
    expect(checkIns).toBe(TICKETS);
    const copied = await env.DB.prepare(
      "SELECT count(*) AS n FROM tickets WHERE event_id = ? AND status = 'checked_in'",
    )
      .bind(event.id)
      .first<{ n: number }>();
    expect(copied?.n).toBe(TICKETS);
  });
});
