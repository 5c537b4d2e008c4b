import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, expectProblem, registerAttendee } from "./helpers";

const addDevice = (attendee: { id: string; token: string }, token: string) =>
  api("POST", `/api/attendees/${attendee.id}/devices`, {
    token: attendee.token,
    body: { platform: "android", token },
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
      expect(res.status).toBe(201);
      added.push(res.body);
    }
    const kept = await devicesOf(attendee.id);
    expect(kept.map((d) => d.id)).toEqual(added.slice(1).map((d) => d.id));
    const gone = await api("DELETE", `/api/attendees/${attendee.id}/devices/${added[0].id}`, {
      token: attendee.token,
    });
    expectProblem(gone, 404, "not_found");
  });

  it("registering a known phone again makes it the most recent, not a second row", async () => {
    const attendee = await registerAttendee();
    const first = await addDevice(attendee, `${attendee.id}-first`);
    for (let i = 0; i < 9; i++) await addDevice(attendee, `${attendee.id}-other-${i}`);
    expect((await addDevice(attendee, `${attendee.id}-first`)).body.id).toBe(first.body.id);
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
