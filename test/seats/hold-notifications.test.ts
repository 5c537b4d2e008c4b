import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../../src/notifications/types";
import { as, bodyIn, bodyOf, expectProblem } from "../client";
import { createEvent, postAttendee, registerOrganizer } from "../helpers";
import { consume, emailsFor } from "../notifications/helpers";
import { ledgerStub } from "../races/invariants";
import { order } from "../races/seat-invariants";

/** The domain events the ledger recorded for a booking, as it publishes them. */
const published = (eventId: string, bookingId: string) =>
  runInDurableObject(ledgerStub(eventId), (_, state) =>
    state.storage.sql
      .exec<{ id: string; type: string; occurred_at: string; attendee_id: string; data: string }>(
        "SELECT * FROM outbox WHERE booking_id = ? ORDER BY seq",
        bookingId,
      )
      .toArray()
      .map(
        (row): DomainEvent => ({
          id: row.id,
          type: row.type as DomainEvent["type"],
          occurredAt: row.occurred_at,
          eventId,
          bookingId,
          attendeeId: row.attendee_id,
          data: JSON.parse(row.data),
        }),
      ),
  );

describe("notifications of holds", () => {
  it("tell the attendee, in their language, how many seats are held, until when, and when they lapse", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { title: "Symfony Live Paris" });
    const res = await postAttendee({
      name: "Jeanne Martin",
      email: `jeanne-${Date.now()}@example.com`,
      locale: "fr",
    });
    const registered = await bodyOf(res, 201);
    const attendee = { id: registered.attendee.id, token: registered.token };
    const held = bodyIn(await order(event.id, attendee, { seats: 3, hold: true }), 201);
    await runInDurableObject(ledgerStub(event.id), (_, state) => {
      state.storage.sql.exec(
        "UPDATE bookings SET expires_at = ? WHERE id = ?",
        Date.now() - 1,
        held.id,
      );
    });
    await expectProblem(
      await as(attendee.token).api.bookings[":id"].confirm.$post({ param: { id: held.id } }),
      409,
      "hold_expired",
    );

    const [pending, expired] = await published(event.id, held.id);
    expect([pending?.type, expired?.type]).toEqual(["booking.pending", "booking.expired"]);
    const result = await consume([pending, expired]);
    expect(result.retryMessages).toEqual([]);

    const [pendingMail] = await emailsFor(pending?.id ?? "");
    const pendingBody = JSON.parse(pendingMail?.body ?? "{}");
    expect(pendingBody.subject).toBe("3 places pour Symfony Live Paris vous sont réservées");
    expect(pendingBody.text).toContain(
      "Nous vous réservons 3 places pour Symfony Live Paris jusqu’au",
    );
    const [expiredMail] = await emailsFor(expired?.id ?? "");
    expect(JSON.parse(expiredMail?.body ?? "{}").subject).toBe(
      "Votre option sur Symfony Live Paris a expiré",
    );
  });
});
