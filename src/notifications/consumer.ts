import { continueDeparture, type DepartureStep, isDepartureStep } from "../booking/departure";
import { type DomainEvent, DomainEventSchema } from "../booking/domain-events";
import { log } from "../lib/logger";
import { nowIso } from "../lib/time";
import { dispatch } from "./dispatch";
import { enrich } from "./enrichment";

/** Must match `max_retries` of the consumer in wrangler.toml. */
export const MAX_RETRIES = 5;
export const DEAD_LETTER_QUEUE = "booking-events-dlq";

/** Enrich, then route to channels; one log line per domain event, keyed by its id. */
export const processDomainEvent = async (env: Env, domainEvent: DomainEvent) => {
  const started = Date.now();
  const enriched = await enrich(env, domainEvent);
  if (enriched) await dispatch(env, domainEvent, enriched);
  log(env, "info", "domain event processed", {
    correlationId: domainEvent.id,
    type: domainEvent.type,
    eventId: domainEvent.eventId,
    recipients: enriched?.recipients.length ?? 0,
    enrichedFrom: enriched?.sources ?? [],
    durationMs: Date.now() - started,
  });
};

const recordDeadLetter = (env: Env, body: unknown, attempts: number, error: string) => {
  const e = body as Partial<DomainEvent> | null;
  return env.DB.prepare(
    `INSERT INTO dead_letters (id, type, body, attempts, error, failed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET attempts = max(attempts, excluded.attempts),
       error = coalesce(excluded.error, error)`,
  )
    .bind(
      String(e?.id ?? crypto.randomUUID()),
      String(e?.type ?? "unknown"),
      JSON.stringify(body),
      attempts,
      error || null,
      nowIso(),
    )
    .run();
};

/** A departure step is retried like a domain event; it is safe to repeat. */
const runDeparture = async (env: Env, message: Message<unknown>) => {
  const step = message.body as DepartureStep;
  try {
    await continueDeparture(env, step.attendeeId, step.after);
    message.ack();
  } catch (error) {
    log(env, "error", "attendee departure step failed; retrying", {
      attendeeId: step.attendeeId,
      error: error instanceof Error ? error.message : String(error),
    });
    message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
  }
};

/**
 * The queue handler. A failed message is retried with backoff; on its last attempt
 * the failure is written to `dead_letters` before the queue moves it to the DLQ,
 * whose consumer records what arrives there.
 */
export const consumeQueue = async (batch: MessageBatch<unknown>, env: Env) => {
  for (const message of batch.messages) {
    if (batch.queue === DEAD_LETTER_QUEUE) {
      await recordDeadLetter(env, message.body, message.attempts, "");
      message.ack();
      continue;
    }
    if (isDepartureStep(message.body)) {
      await runDeparture(env, message);
      continue;
    }
    const parsed = DomainEventSchema.safeParse(message.body);
    if (!parsed.success) {
      log(env, "error", "malformed domain event dropped", { messageId: message.id });
      await recordDeadLetter(env, message.body, message.attempts, "malformed domain event");
      message.ack();
      continue;
    }
    try {
      await processDomainEvent(env, parsed.data);
      message.ack();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(env, "error", "domain event failed; retrying", {
        correlationId: parsed.data.id,
        attempt: message.attempts,
        error: reason,
      });
      if (message.attempts > MAX_RETRIES) {
        await recordDeadLetter(env, message.body, message.attempts, reason);
      }
      message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
    }
  }
};
