import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { callLedger, ledgerOf } from "../../src/ledger/client";
import { forgetAttendee, markLeaving, releaseStep } from "../../src/workflows/depart-attendee";
import { as, bodyIn, bodyOf, expectProblem } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
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
    expect(bodyIn(await book(released, leaver), 201).status).toBe("confirmed");
    expect(bodyIn(await book(released, waiting), 201).status).toBe("waitlisted");

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

    await expectProblem(
      await as(leaver.token).api.bookings.$get({ query: {} }),
      401,
      "unauthorized",
    );
    const organizer = as(org.token).api;
    await expectProblem(
      await organizer.attendees[":id"].$get({ param: { id: leaver.id } }),
      404,
      "attendee_not_found",
    );
    const listed = await organizer.attendees.$get({ query: { q: leaver.email } });
    expect((await bodyOf(listed, 200)).data).toEqual([]);
    const forThem = await organizer.bookings.$post({
      json: { eventId: event.id, attendeeId: leaver.id },
      header: {},
    });
    await expectProblem(forThem, 404, "attendee_not_found");
  });

  it("answers DELETE with every booking released and the attendee gone", async () => {
    const org = await registerOrganizer();
    const events = await Promise.all([createEvent(org.token), createEvent(org.token)]);
    const leaver = await registerAttendee("Leaver");
    for (const e of events) expect((await book(e.id, leaver)).status).toBe(201);
    const res = await as(leaver.token).api.attendees[":id"].$delete({ param: { id: leaver.id } });
    expect(await bodyOf(res, 200)).toEqual({ message: "Attendee deleted" });
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
    const held = bodyIn(await order(event.id, leaver, { hold: true }), 201);
    expect(held.status).toBe("pending");
    await copyNow(event.id);
    await markLeaving(env, leaver.id);

    await lapseHold(event.id, held.id);
    await runDurableObjectAlarm(ledgerStub(event.id));

    const row = await env.DB.prepare("SELECT status FROM bookings WHERE id = ?")
      .bind(held.id)
      .first();
    expect(row).toEqual({ status: "expired" });
    const { active } = await expectLedgerAndD1Agree(event.id);
    expect(active).toEqual([]);
  });
});
