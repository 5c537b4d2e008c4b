import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as, bodyOf } from "../client";
import { createEvent, registerAttendee, registerOrganizer } from "../helpers";
import { consume, domainEvent } from "../notifications/helpers";
import { bookRequest } from "../races/departure";
import { ledgerStub } from "../races/invariants";
import { confirmedBooking, scan, ticketsOf } from "../tickets/helpers";
import { attemptsIn, createWebhook, deliveryRows, recordingQueue } from "./helpers";

/** The ledger's internals, reached to see what one copy and one publish send. */
type LedgerInternals = {
  adoptEvent(eventId: string): Promise<boolean>;
  tables: { transaction<T>(decision: () => T): T };
  decisions: { placeBooking(request: unknown): unknown };
  outbox: { env: Env; syncToD1(): Promise<void>; publish(): Promise<void> };
};

/** Decides a booking, copies it to D1 and publishes it; answers what reached the queue. */
const bookAndPublish = (eventId: string, attendee: { id: string; name: string }) =>
  runInDurableObject(ledgerStub(eventId), async (instance) => {
    const ledger = instance as unknown as LedgerInternals;
    await ledger.adoptEvent(eventId);
    await ledger.outbox.syncToD1();
    await ledger.outbox.publish();
    const { queue, sent } = recordingQueue();
    const real = ledger.outbox.env;
    ledger.outbox.env = { ...real, NOTIFY_QUEUE: queue };
    try {
      ledger.tables.transaction(() =>
        ledger.decisions.placeBooking(bookRequest(eventId, attendee)),
      );
      await ledger.outbox.syncToD1();
      await ledger.outbox.publish();
    } finally {
      ledger.outbox.env = real;
    }
    return sent.map((m) => m.body as { type: string; webhooks?: boolean });
  });

describe("changes no webhook endpoint can hear of", () => {
  it("are marked by the copy that found none, and no longer once the organizer has one", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token, { capacity: 5 });
    const [first, second, third] = [
      await registerAttendee("First"),
      await registerAttendee("Second"),
      await registerAttendee("Third"),
    ];

    const unheard = await bookAndPublish(event.id, first);
    expect(unheard).toEqual([
      expect.objectContaining({ type: "booking.confirmed", webhooks: false }),
    ]);

    const endpoint = await createWebhook(org.token);
    const heard = await bookAndPublish(event.id, second);
    expect(heard).toHaveLength(1);
    expect(heard[0]).not.toHaveProperty("webhooks");

    // A disabled endpoint hears nothing either.
    const off = await as(org.token).api.webhooks[":id"].$patch({
      param: { id: endpoint.id },
      json: { enabled: false },
    });
    await bodyOf(off, 200);
    expect(await bookAndPublish(event.id, third)).toEqual([
      expect.objectContaining({ webhooks: false }),
    ]);
  });

  it("make no webhook message in the consumer; the same change unmarked does", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    const endpoint = await createWebhook(org.token);
    const change = () => domainEvent({ type: "event.updated", eventId: event.id, data: {} });
    const { queue, sent } = recordingQueue();

    await consume([{ ...change(), webhooks: false }], { NOTIFY_QUEUE: queue });
    expect(attemptsIn(sent)).toHaveLength(0);
    const stored = await env.DB.prepare(
      "SELECT count(*) AS n FROM webhook_messages WHERE organizer_id = ?",
    )
      .bind(org.id)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);

    await consume([change()], { NOTIFY_QUEUE: queue });
    expect(attemptsIn(sent)).toHaveLength(1);
    expect(await deliveryRows(endpoint.id)).toHaveLength(1);
  });

  it("leave a check-in unsent, and send one once the organizer has an endpoint", async () => {
    const { organizer, event, attendee, booking } = await confirmedBooking(2);
    const [first, second] = await ticketsOf(booking.id, attendee.token);
    if (!first || !second) throw new Error("two tickets expected");
    /** Checks a ticket in while the ledger publishes to a recording queue. */
    const checkIn = async (qr: string) => {
      const { queue, sent } = recordingQueue();
      let real: Env | undefined;
      await runInDurableObject(ledgerStub(event.id), async (instance) => {
        const ledger = instance as unknown as LedgerInternals;
        await ledger.outbox.syncToD1();
        await ledger.outbox.publish();
        real = ledger.outbox.env;
        ledger.outbox.env = { ...real, NOTIFY_QUEUE: queue };
      });
      try {
        expect((await scan(event.id, organizer.token, { qr })).result).toBe("ok");
        await runInDurableObject(ledgerStub(event.id), async (instance) => {
          const ledger = instance as unknown as LedgerInternals;
          await ledger.outbox.syncToD1();
          await ledger.outbox.publish();
        });
      } finally {
        await runInDurableObject(ledgerStub(event.id), (instance) => {
          if (real) (instance as unknown as LedgerInternals).outbox.env = real;
        });
      }
      const bodies = sent.map((m) => m.body as { domainEvent?: { type: string } });
      return bodies.map((body) => body.domainEvent?.type);
    };

    expect(await checkIn(first.qr)).not.toContain("ticket.checked_in");
    await createWebhook(organizer.token);
    expect(await checkIn(second.qr)).toContain("ticket.checked_in");
  });
});
