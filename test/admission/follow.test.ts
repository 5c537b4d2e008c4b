import { describe, expect, it } from "vitest";
import { expectProblem } from "../client";
import { registerAttendees } from "../helpers";
import { eventually, openSocket } from "../notifications/helpers";
import { bookWith, controlledQueue, joined, queuedEvent } from "./helpers";

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

  it("echoes only the subprotocol the client offered, never a header it forged", async () => {
    const { event } = await queuedEvent();
    const [ann] = await registerAttendees("Ann");
    const entry = await joined(event.id, ann);
    const follower = await openSocket(
      `/api/events/${event.id}/queue/${entry.id}/live?token=${ann.token}`,
      { "X-Accepted-Protocol": "forged" },
    );
    expect(follower.res.status).toBe(101);
    expect(follower.res.headers.get("Sec-WebSocket-Protocol")).toBeNull();
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

describe("a follower admitted by someone else's join", () => {
  it("hears of its pass at once, not at the next tick", async () => {
    const queue = controlledQueue(Date.now() + 365 * 86_400_000);
    const settings = queue.settings({ admitPerMinute: 60 });
    const waiting = await queue.run(async (q) => {
      await q.join(settings, "first");
      return (await q.join(settings, "second")).entry;
    });
    expect(waiting).toMatchObject({ status: "waiting", position: 1 });
    const frames: { status: string; pass: string | null }[] = [];
    await queue.run(async (q) => {
      const res = await q.fetch(
        new Request("http://queue/follow", {
          headers: { Upgrade: "websocket", "X-Entry-Id": waiting.id, "X-Attendee-Id": "second" },
        }),
      );
      res.webSocket?.accept();
      res.webSocket?.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data))));
    });
    // A second later, the next join finds room and admits the one waiting before it.
    queue.at(queue.now + 1_000);
    await queue.run((q) => q.join(settings, "third"));
    const last = await eventually(
      () => frames,
      (f) => f.at(-1)?.status === "admitted",
      5_000,
    );
    expect(last.at(-1)?.pass).toEqual(expect.any(String));
  });
});
