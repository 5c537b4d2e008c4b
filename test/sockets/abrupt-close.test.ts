import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { EventLedger } from "../../src/ledger/ledger";
import type { AttendeeHub } from "../../src/notifications/hub";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { openSocket } from "../notifications/helpers";

// 1006 (abnormal), 1005 (no code) and 1015 (TLS) are reported to the server but may not be sent back.
const UNSENDABLE = [1005, 1006, 1015];

describe("an abrupt WebSocket disconnect", () => {
  it.each(UNSENDABLE)("leaves the event ledger without an exception (code %i)", async (code) => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const viewer = await openSocket(`/api/events/${event.id}/live`);
    expect(viewer.res.status).toBe(101);
    const stub = env.EVENT_LEDGER.get(env.EVENT_LEDGER.idFromName(event.id));
    const open = await runInDurableObject(stub, async (ledger: EventLedger, state) => {
      const [socket] = state.getWebSockets();
      await ledger.webSocketClose(socket as WebSocket, code);
      return state.getWebSockets().length;
    });
    expect(open).toBeLessThanOrEqual(1);
  });

  it.each(UNSENDABLE)("leaves the attendee's hub without an exception (code %i)", async (code) => {
    const alice = await registerAttendee();
    const tab = await openSocket(`/api/notifications/stream?token=${alice.token}`);
    expect(tab.res.status).toBe(101);
    const stub = env.ATTENDEE_HUB.get(env.ATTENDEE_HUB.idFromName(alice.id));
    await runInDurableObject(stub, async (hub: AttendeeHub, state) => {
      const [socket] = state.getWebSockets();
      await hub.webSocketClose(socket as WebSocket, code);
    });
  });
});
