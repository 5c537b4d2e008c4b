import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { registerAttendeeIn } from "../checkout/helpers";
import { as, bodyOf } from "../client";
import { rowCounter } from "../d1-rows";
import { createEvent, registerOrganizer } from "../helpers";
import { consume, domainEvent } from "./helpers";

/**
 * D1 bills each row written, and each index entry a write touches. A booking's message to
 * an attendee with email but no device and no open socket: the notification (one row,
 * keyed by attendee, time and domain event, with no index beside it), whose making claims
 * its deliveries, and the email's record once it went (one row, keyed by attendee,
 * notification, channel and recipient).
 */
const ROWS_PER_MESSAGE = 2;

describe("a booking's notification", () => {
  it("writes a row for each delivery made, and lists the skipped channels on the notification", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { title: "Rows" });
    const attendee = await registerAttendeeIn("en");
    const now = new Date().toISOString();
    const booking = {
      id: crypto.randomUUID(),
      eventId: event.id,
      attendeeId: attendee.id,
      seats: 1,
      status: "confirmed",
      waitlistPosition: null,
      expiresAt: null,
      payment: null,
      event: { id: event.id, title: event.title },
      attendee: { id: attendee.id, name: attendee.name },
      createdAt: now,
      updatedAt: now,
    };
    const message = domainEvent({
      type: "booking.confirmed",
      eventId: event.id,
      attendeeId: attendee.id,
      bookingId: booking.id,
      data: { booking },
    } as Parameters<typeof domainEvent>[0]);
    const { db, counted } = rowCounter(env.DB);
    await consume([message], { DB: db });
    expect(counted.written).toBeLessThanOrEqual(ROWS_PER_MESSAGE);

    const listed = await as(attendee.token).api.notifications.$get({ query: {} });
    const [notification] = (await bodyOf(listed, 200)).data;
    expect(notification?.bookingId).toBe(booking.id);
    expect(notification?.deliveries).toEqual([
      { channel: "websocket", status: "skipped", attempts: 1, error: "no open connection" },
      { channel: "push", status: "skipped", attempts: 1, error: "no registered device" },
      { channel: "email", status: "sent", attempts: 1 },
    ]);
    expect(notification).not.toHaveProperty("skipped");
  });
});
