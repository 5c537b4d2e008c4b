import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createEvent, registerOrganizer } from "../helpers";
import { countingD1, zeroCounts } from "../subrequests";
import { seedBookedAudience } from "./audience-helpers";
import { consume, deliveriesOf, domainEvent } from "./helpers";

/** One booking.confirmed message per seeded attendee, as the event's ledger publishes them. */
const bookingMessages = async (count: number, email: boolean) => {
  const org = await registerOrganizer();
  const event = await createEvent(org.token, { title: "Batch Night" });
  const tag = crypto.randomUUID().slice(0, 8);
  const ids = await seedBookedAudience(event.id, count, { email, tag });
  return ids.map((attendeeId, n) =>
    domainEvent({
      type: "booking.confirmed",
      eventId: event.id,
      attendeeId,
      bookingId: `bk-${tag}-${n}`,
    }),
  );
};

const countedConsume = async (messages: unknown[]) => {
  const counts = zeroCounts();
  const result = await consume(messages, { DB: countingD1(env.DB, counts) });
  return { counts, result };
};

describe("the consumer's D1 work per batch", () => {
  it("spends the same D1 round trips on 25 booking messages as on one", async () => {
    const one = await countedConsume(await bookingMessages(1, true));
    const many = await countedConsume(await bookingMessages(25, true));

    expect(many.result.retryMessages).toEqual([]);
    expect(many.result.explicitAcks).toHaveLength(25);
    // Webhook fan-out, event read, profile read, claims write, records write: per batch,
    // not per message.
    expect(one.counts.d1).toBe(5);
    expect(many.counts.d1).toBe(one.counts.d1);
    expect(many.counts.d1Statements).toBe(one.counts.d1Statements);
  });

  it("lists skipped channels on the notification, once, and skips the records write", async () => {
    const messages = await bookingMessages(3, false);
    const { counts, result } = await countedConsume(messages);

    expect(result.explicitAcks).toHaveLength(3);
    // Nothing was sent (email off, no socket, no device): no records write follows the claims.
    // The first round trip is the webhook fan-out's.
    expect(counts.d1).toBe(4);
    for (const message of messages) {
      expect(await deliveriesOf(message.id)).toEqual([
        expect.objectContaining({
          channel: "email",
          status: "skipped",
          attempts: 1,
          transport: null,
          error: "disabled by the attendee's preferences",
        }),
        expect.objectContaining({ channel: "push", status: "skipped", attempts: 1 }),
        expect.objectContaining({
          channel: "websocket",
          status: "skipped",
          attempts: 1,
          error: "no open connection",
        }),
      ]);
    }

    const again = await countedConsume(messages);
    expect(again.result.explicitAcks).toHaveLength(3);
    for (const message of messages) {
      const logged = await deliveriesOf(message.id);
      expect(logged.map((d) => [d.status, d.attempts])).toEqual([
        ["skipped", 1],
        ["skipped", 1],
        ["skipped", 1],
      ]);
    }
  });
});
