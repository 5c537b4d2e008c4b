import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as, bodyOf, expectProblem } from "./client";
import { registerAttendee } from "./helpers";

const addDevice = (attendee: { id: string; token: string }, token: string) =>
  as(attendee.token).api.attendees[":id"].devices.$post({
    param: { id: attendee.id },
    json: { platform: "android", token },
  });

const devicesOf = async (attendeeId: string) =>
  (
    await env.DB.prepare("SELECT id, token FROM devices WHERE attendee_id = ? ORDER BY created_at")
      .bind(attendeeId)
      .all<{ id: string; token: string }>()
  ).results;

describe("at most 10 devices per attendee", () => {
  it("an 11th replaces the least recently registered", async () => {
    const attendee = await registerAttendee();
    const added = [];
    for (let i = 0; i < 11; i++) {
      const res = await addDevice(attendee, `${attendee.id}-phone-${i}-${"x".repeat(4000)}`);
      added.push(await bodyOf(res, 201));
    }
    const kept = await devicesOf(attendee.id);
    expect(kept.map((d) => d.id)).toEqual(added.slice(1).map((d) => d.id));
    const oldest = added[0]?.id;
    if (!oldest) expect.fail("no device was added");
    const gone = await as(attendee.token).api.attendees[":id"].devices[":deviceId"].$delete({
      param: { id: attendee.id, deviceId: oldest },
    });
    await expectProblem(gone, 404, "not_found");
  });

  it("registering a known phone again makes it the most recent, not a second row", async () => {
    const attendee = await registerAttendee();
    const first = await bodyOf(await addDevice(attendee, `${attendee.id}-first`), 201);
    for (let i = 0; i < 9; i++) await addDevice(attendee, `${attendee.id}-other-${i}`);
    const again = await bodyOf(await addDevice(attendee, `${attendee.id}-first`), 201);
    expect(again.id).toBe(first.id);
    await addDevice(attendee, `${attendee.id}-eleventh`);
    const kept = (await devicesOf(attendee.id)).map((d) => d.token);
    expect(kept).toHaveLength(10);
    expect(kept).toContain(`${attendee.id}-first`);
    expect(kept).not.toContain(`${attendee.id}-other-0`);
  });

  it("holds under parallel registrations", async () => {
    const attendee = await registerAttendee();
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => addDevice(attendee, `${attendee.id}-parallel-${i}`)),
    );
    for (const res of answers) expect(res.status).toBe(201);
    expect(await devicesOf(attendee.id)).toHaveLength(10);
  });
});
