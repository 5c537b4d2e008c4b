import { describe, expect, it } from "vitest";
import { expectProblem } from "../client";
import { registerAttendees } from "../helpers";
import { eventually, openSocket } from "../notifications/helpers";
import { bookWith, joined, queuedEvent } from "./helpers";

describe("following a queue entry over a WebSocket", () => {
  it("sends the entry at once, then the pass when the alarm admits it, which books", async () => {
    const { event } = await queuedEvent({ admitPerMinute: 60 });
    const [ann, bob] = await registerAttendees("Ann", "Bob");
    expect((await joined(event.id, ann)).status).toBe("admitted");
    const waiting = await joined(event.id, bob);
    expect(waiting).toMatchObject({ status: "waiting", position: 1, estimatedWaitSeconds: 1 });
    const follower = await openSocket(`/api/events/${event.id}/queue/${waiting.id}/live`, {
      "Sec-WebSocket-Protocol": `bearer.${bob.token}`,
    });
    expect(follower.res.status).toBe(101);
    expect(follower.res.headers.get("Sec-WebSocket-Protocol")).toBe(`bearer.${bob.token}`);
    const frames = await eventually(
      () => follower.frames,
      (f) => f.at(-1)?.status === "admitted",
    );
    expect(frames[0]).toMatchObject({ id: waiting.id, status: "waiting" });
    const admitted = frames.at(-1);
    expect(admitted).toMatchObject({ id: waiting.id, status: "admitted", position: null });
    expect((await bookWith(event.id, bob, admitted.pass)).status).toBe(201);
    follower.socket?.close();
  });

  it("is refused before the upgrade for another attendee's entry or a bad token", async () => {
    const { event } = await queuedEvent();
    const [ann, bob] = await registerAttendees("Ann", "Bob");
    const entry = await joined(event.id, ann);
    const path = `/api/events/${event.id}/queue/${entry.id}/live`;
    const foreign = await openSocket(path, { "Sec-WebSocket-Protocol": `bearer.${bob.token}` });
    await expectProblem(foreign.res, 404, "not_found");
    const unknown = await openSocket(path, { "Sec-WebSocket-Protocol": "bearer.att_nobody" });
    await expectProblem(unknown.res, 401, "unauthorized");
  });
});
