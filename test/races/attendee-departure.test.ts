import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { callLedger, ledgerOf } from "../../src/ledger/client";
import { forgetAttendee, markLeaving, releaseStep } from "../../src/workflows/depart-attendee";
import { api, createEvent, expectProblem, registerAttendee, registerOrganizer } from "../helpers";
import {
  bookRequest,
  copyNow,
  decideWithoutCopy,
  expectLedgerAndD1Agree,
  settle,
} from "./departure";
import { book, ledgerStub } from "./invariants";
import { lapseHold, order } from "./seat-invariants";

const bookThroughLedger = (eventId: string, attendee: { id: string; name: string }) =>
  callLedger(() => ledgerOf(env, eventId).book(bookRequest(eventId, attendee)));

describe("deleting an attendee while bookings of theirs are in flight", () => {
  it("loses no seat, whichever phase of the deletion each booking meets", async () => {
    const org = await registerOrganizer();
    const events = await Promise.all(
      Array.from({ length: 5 }, () =>
        createEvent(org.token, { capacity: 1, waitlistEnabled: true }),
      ),
    );
    const ids = events.map((e) => e.id);
    const [beforeMark, released, afterMark, afterRead, afterDelete] = ids as [
      string,
      string,
      string,
      string,
      string,
    ];
    const leaver = await registerAttendee("Leaver");
    const waiting = await registerAttendee("Waiting");
    expect((await book(released, leaver)).body.status).toBe("confirmed");
    expect((await book(released, waiting)).body.status).toBe("waitlisted");

    // Decided before the mark, copied after it.
    await decideWithoutCopy(beforeMark, leaver);
    await markLeaving(env, leaver.id);
    await copyNow(beforeMark);
    // A request authorized before the mark reaches the ledger after it: the ledger decides,
    // D1 refuses the copy, and the seat is released before the caller is answered 401.
    const refused = { ok: false, status: 401, body: { code: "unauthorized" } };
    expect(await bookThroughLedger(afterMark, leaver)).toMatchObject(refused);
    expect(await releaseStep(env, leaver.id, "")).toBeNull();
    // Decided and copied between the release's read of D1 and the delete: the old window.
    expect(await bookThroughLedger(afterRead, leaver)).toMatchObject(refused);
    await forgetAttendee(env, leaver.id);
    expect(await bookThroughLedger(afterDelete, leaver)).toMatchObject(refused);
    await settle(ids);

    for (const id of ids) {
      const { active } = await expectLedgerAndD1Agree(id);
      expect(active.filter((r) => r.attendee_id === leaver.id)).toEqual([]);
    }
    const promoted = await expectLedgerAndD1Agree(released);
    expect(promoted.active).toEqual([
      expect.objectContaining({ attendee_id: waiting.id, status: "confirmed" }),
    ]);
    const gone = await env.DB.prepare("SELECT id FROM attendees WHERE id = ?")
      .bind(leaver.id)
      .first();
    expect(gone).toBeNull();
  });

  it("makes a leaving attendee gone for every read, and refuses their token", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const leaver = await registerAttendee("Leaver");
    expect((await book(event.id, leaver)).status).toBe(201);
    await markLeaving(env, leaver.id);

    expectProblem(await api("GET", "/api/bookings", { token: leaver.token }), 401, "unauthorized");
    expectProblem(
      await api("GET", `/api/attendees/${leaver.id}`, { token: org.token }),
      404,
      "attendee_not_found",
    );
    const listed = await api("GET", `/api/attendees?q=${encodeURIComponent(leaver.email)}`, {
      token: org.token,
    });
    expect(listed.body.data).toEqual([]);
    const forThem = await api("POST", "/api/bookings", {
      token: org.token,
      body: { eventId: event.id, attendeeId: leaver.id },
    });
    expectProblem(forThem, 404, "attendee_not_found");
  });

  it("answers DELETE with every booking released and the attendee gone", async () => {
    const org = await registerOrganizer();
    const events = await Promise.all([createEvent(org.token), createEvent(org.token)]);
    const leaver = await registerAttendee("Leaver");
    for (const e of events) expect((await book(e.id, leaver)).status).toBe(201);
    const res = await api("DELETE", `/api/attendees/${leaver.id}`, { token: leaver.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: "Attendee deleted" });
    for (const e of events) {
      const { active } = await expectLedgerAndD1Agree(e.id);
      expect(active).toEqual([]);
    }
    const row = await env.DB.prepare("SELECT id FROM attendees WHERE id = ?")
      .bind(leaver.id)
      .first();
    expect(row).toBeNull();
  });

  it("copies a hold that lapses while its attendee is leaving, so D1 shows it expired", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 5 });
    const leaver = await registerAttendee("Leaver");
    const held = await order(event.id, leaver, { hold: true });
    expect(held.body.status).toBe("pending");
    await copyNow(event.id);
    await markLeaving(env, leaver.id);

    await lapseHold(event.id, held.body.id);
    await runDurableObjectAlarm(ledgerStub(event.id));

    const row = await env.DB.prepare("SELECT status FROM bookings WHERE id = ?")
      .bind(held.body.id)
      .first();
    expect(row).toEqual({ status: "expired" });
    const { active } = await expectLedgerAndD1Agree(event.id);
    expect(active).toEqual([]);
  });
});
