import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { seedBookedAudience } from "./audience-helpers";
import { consume, deliveriesOf, domainEvent, eventually, openSocket } from "./helpers";

const listening = async (attendeeId: string) =>
  (
    await env.DB.prepare("SELECT connections FROM notification_listeners WHERE attendee_id = ?")
      .bind(attendeeId)
      .first<{ connections: number }>()
  )?.connections ?? 0;

const notifiedIn = async (domainEventId: string) =>
  (
    await env.DB.prepare("SELECT attendee_id FROM notifications WHERE domain_event_id = ?")
      .bind(domainEventId)
      .all<{ attendee_id: string }>()
  ).results.map((r) => r.attendee_id);

describe("delivering to an audience", () => {
  it("holds back only the recipient whose profile lookup failed", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const suffix = Date.now().toString(36);
    const [known] = await seedBookedAudience(event.id, 1, { email: true, tag: `known-${suffix}` });
    // The profile stand-in fails on any id containing "unknowable".
    const [unknown] = await seedBookedAudience(event.id, 1, {
      email: true,
      tag: `unknowable-${suffix}`,
    });
    const message = domainEvent({ type: "event.cancelled", eventId: event.id });
    const chunk = { kind: "chunk", domainEvent: message, recipients: [known, unknown] };
    const withProfiles = { ENRICHMENT_URL: "https://profiles.test" };

    const first = await consume([chunk], withProfiles);
    expect(first.retryMessages).toHaveLength(1);
    expect(await notifiedIn(message.id)).toEqual([known]);
    const email = (await deliveriesOf(message.id)).find((d) => d.channel === "email");
    expect(email).toMatchObject({ recipient: `${known}@example.com`, status: "sent", attempts: 1 });

    // The retry redoes nothing for the recipient already reached.
    const second = await consume([chunk], withProfiles, { attempts: 2 });
    expect(second.retryMessages).toHaveLength(1);
    expect((await deliveriesOf(message.id)).map((d) => d.attempts)).toEqual([1, 1, 1]);
  });

  it("lists an attendee as listening while a notification socket is open", async () => {
    const attendee = await registerAttendee();
    expect(await listening(attendee.id)).toBe(0);
    const tab = await openSocket(`/api/notifications/stream?token=${attendee.token}`);
    expect(tab.res.status).toBe(101);
    expect(await listening(attendee.id)).toBe(1);
    tab.socket?.close(1000, "bye");
    expect(
      await eventually(
        () => listening(attendee.id),
        (n) => n === 0,
      ),
    ).toBe(0);
  });
});
