import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import worker from "../../src/index";
import type { DomainEvent } from "../../src/notifications/types";

let sequence = 0;

/** A domain event as a ledger would publish it, with a fresh id. */
export const domainEvent = (
  fields: Partial<DomainEvent> & Pick<DomainEvent, "type" | "eventId">,
): DomainEvent => ({
  id: `de-${Date.now().toString(36)}-${++sequence}`,
  occurredAt: new Date().toISOString(),
  data: {},
  ...fields,
});

/** Runs the Worker's queue handler on a batch, as the Queues runtime would. */
export const consume = async (
  events: unknown[],
  overrides: Partial<Env> = {},
  { queue = "booking-events", attempts = 1 } = {},
) => {
  const batch = createMessageBatch(
    queue,
    events.map((body, i) => ({
      id: `msg-${++sequence}-${i}`,
      timestamp: new Date(),
      attempts,
      body,
    })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, ...overrides });
  return getQueueResult(batch, ctx);
};

/** Stands in for the queue binding: keeps what the consumer sends so a test can feed it back. */
export const collectingQueue = () => {
  const sent: unknown[] = [];
  const queue = {
    send: async (body: unknown) => {
      sent.push(body);
    },
    sendBatch: async (messages: Iterable<{ body: unknown }>) => {
      for (const m of messages) sent.push(m.body);
    },
  } as unknown as Queue;
  return { queue, sent };
};

/**
 * Runs the handler on the events, then on everything it sends back to the queue (chunks,
 * cursors, deferred messages), in batches of the configured size, until nothing is left.
 * Answers the number of invocations.
 */
export const drain = async (events: unknown[], overrides: Partial<Env> = {}, batchSize = 25) => {
  const { queue, sent } = collectingQueue();
  let pending = [...events];
  let invocations = 0;
  while (pending.length > 0) {
    const batch = pending.slice(0, batchSize);
    pending = pending.slice(batchSize);
    const result = await consume(batch, { ...overrides, NOTIFY_QUEUE: queue });
    invocations++;
    if (result.retryMessages.length > 0) throw new Error("a message was retried while draining");
    pending.push(...sent.splice(0));
  }
  return invocations;
};

/** The delivery log of a domain event, or of its notification to one attendee. */
export const deliveriesOf = async (domainEventId: string, attendeeId: string | null = null) =>
  (
    await env.DB.prepare(
      // The delivery rows, and the channels skipped, which the notification lists instead.
      `SELECT channel, recipient, status, attempts, transport, error, payload
       FROM notification_deliveries WHERE domain_event_id = ?1 AND (?2 IS NULL OR notification_id IN
         (SELECT id FROM notifications WHERE domain_event_id = ?1 AND attendee_id = ?2))
       UNION ALL
       SELECT s.value ->> 'channel', s.value ->> 'recipient', 'skipped', 1, NULL, s.value ->> 'error', NULL
       FROM notifications n, json_each(n.skipped) s
       WHERE n.domain_event_id = ?1 AND (?2 IS NULL OR n.attendee_id = ?2) AND NOT EXISTS (
         SELECT 1 FROM notification_deliveries d WHERE d.domain_event_id = ?1
           AND d.channel = s.value ->> 'channel' AND d.recipient = s.value ->> 'recipient')
       ORDER BY channel, recipient`,
    )
      .bind(domainEventId, attendeeId)
      .all<{
        channel: string;
        recipient: string;
        status: string;
        attempts: number;
        transport: string | null;
        error: string | null;
        payload: string | null;
      }>()
  ).results;

export const sentToStandIn = async (host: string) => {
  const all = (await (await fetch("http://standin.test/requests")).json()) as {
    url: string;
    headers: Record<string, string>;
    body: string;
  }[];
  return all.filter((r) => new URL(r.url).hostname === host);
};

/** The emails the provider stand-in received for one domain event (keyed by its notification). */
export const emailsFor = async (domainEventId: string) => {
  const notification = await env.DB.prepare(
    "SELECT id FROM notifications WHERE domain_event_id = ?",
  )
    .bind(domainEventId)
    .first<{ id: string }>();
  if (!notification) return [];
  const sent = await sentToStandIn("api.resend.com");
  return sent.filter((r) => r.headers["idempotency-key"] === notification.id);
};

/** Opens a WebSocket through the Worker's fetch handler and collects its JSON frames. */
export const openSocket = async (path: string, headers: Record<string, string> = {}) => {
  const res = await exports.default.fetch(`http://api.test${path}`, {
    headers: { Upgrade: "websocket", ...headers },
  });
  const socket = res.webSocket;
  const frames: any[] = [];
  if (socket) {
    socket.accept();
    socket.addEventListener("message", (e) => {
      frames.push(JSON.parse(String(e.data)));
    });
  }
  return { res, socket, frames };
};

/**
 * Polls until the predicate holds; bounded, so a missing frame fails the test instead of
 * hanging. The bound is generous: every test file shares one local queue, and on a loaded
 * machine a message may wait behind the whole suite's before its consumer runs. It stays
 * under the test timeout, so a message that never comes fails on the assertion.
 */
export const eventually = async <T>(
  read: () => T | Promise<T>,
  ok: (value: T) => boolean,
  ms = 45_000,
) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
