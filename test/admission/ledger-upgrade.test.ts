import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LEDGER_MIGRATIONS, ledgerVersion } from "../../src/ledger/migrations";
import { as, bodyOf, expectProblem } from "../client";
import { createEvent, registerAttendees, registerOrganizer } from "../helpers";
import { undoAdmission } from "../ledger/undo-versions";
import { ledgerStub } from "../races/invariants";
import { bookWith, joined } from "./helpers";

describe("the ledger's admission migration (version 9)", () => {
  it("gives a ledger from before it no queue, then checks passes once the organizer turns it on", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { capacity: 5 });
    const [ann, bob, cid] = await registerAttendees("Ann", "Bob", "Cid");
    expect((await bookWith(event.id, ann)).status).toBe(201);
    await runInDurableObject(ledgerStub(event.id), (_, state) => undoAdmission(state.storage.sql));
    await abortAllDurableObjects();

    // Waking migrates it: the event books as before, without a pass.
    expect((await bookWith(event.id, bob)).status).toBe(201);
    const version = await runInDurableObject(ledgerStub(event.id), (_, state) =>
      ledgerVersion(state.storage.sql),
    );
    expect(version).toBe(LEDGER_MIGRATIONS.length);

    await bodyOf(
      await as(organizer.token).api.events[":id"].$patch({
        param: { id: event.id },
        json: { queueEnabled: true },
      }),
      200,
    );
    await expectProblem((await bookWith(event.id, cid)) as never, 428, "admission_required");
    const { pass } = await joined(event.id, cid);
    expect((await bookWith(event.id, cid, pass as string)).status).toBe(201);
  });
});
