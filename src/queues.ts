import { OrganizerEventSchema } from "./contracts/domain-events";
import { isWorkflowStep } from "./contracts/workflow-steps";
import { errorText, log } from "./lib/logger";
import { packBatches, sendAll } from "./lib/queue-batches";
import { nowIso } from "./lib/time";
import { expandAudiences } from "./notifications/audience";
import {
  DELIVERY_BUDGET,
  type DeliverJob,
  deliverJobs,
  type JobResult,
} from "./notifications/deliveries";
import { type Job, jobOf } from "./notifications/messages";
import { attemptWebhooks } from "./webhooks/attempts";
import { fanOutWebhooks } from "./webhooks/fan-out";
import { type AttemptMessage, isAttemptMessage, isDisabledNotice } from "./webhooks/messages";
import { sendNotice } from "./webhooks/notice";
import type { WebhookSource } from "./webhooks/payload";
import {
  continueDeparture,
  DEPARTURE_STEP,
  type DepartureStep,
  isDepartureStep,
} from "./workflows/depart-attendee";
import { refundOfLegacyNotice, runStep, STEP_SUBREQUESTS } from "./workflows/run";

/** Must match `max_retries` of the consumer in wrangler.toml. */
export const MAX_RETRIES = 5;
export const DEAD_LETTER_QUEUE = "booking-events-dlq";
/** A departure step's ledger calls, with its D1 read, its next step and its last write. */
const DEPARTURE_SUBREQUESTS = DEPARTURE_STEP + 3;

type Message = MessageBatch<unknown>["messages"][number];
type DeadLetter = { body: unknown; attempts: number; error: string };

const idOf = (body: unknown): { id?: unknown; type?: unknown } => {
  const b = body as {
    id?: unknown;
    type?: unknown;
    domainEvent?: { id?: unknown; type?: unknown };
  };
  return b?.domainEvent ?? b ?? {};
};

/** All of a batch's dead letters in one D1 round trip. */
const recordDeadLetters = async (env: Env, letters: DeadLetter[]) => {
  if (letters.length === 0) return;
  const statement = env.DB.prepare(
    `INSERT INTO dead_letters (id, type, body, attempts, error, failed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET attempts = max(attempts, excluded.attempts),
       error = coalesce(excluded.error, error)`,
  );
  await env.DB.batch(
    letters.map(({ body, attempts, error }) => {
      const { id, type } = idOf(body);
      return statement.bind(
        String(id ?? crypto.randomUUID()),
        String(type ?? "unknown"),
        JSON.stringify(body),
        attempts,
        error || null,
        nowIso(),
      );
    }),
  );
};

const retry = (message: Message, error: string, letters: DeadLetter[], env: Env) => {
  log(env, "error", "domain event failed; retrying", {
    correlationId: idOf(message.body).id,
    attempt: message.attempts,
    error,
  });
  if (message.attempts > MAX_RETRIES) {
    letters.push({ body: message.body, attempts: message.attempts, error });
  }
  message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
};

const expand = async (env: Env, items: { message: Message; job: Job }[], letters: DeadLetter[]) => {
  const jobs = items.flatMap(({ job }) => (job.kind === "expand" ? [job] : []));
  if (jobs.length === 0) return;
  try {
    const sent = await expandAudiences(env, jobs);
    for (const { message } of items) message.ack();
    log(env, "info", "audiences expanded", { messages: jobs.length, sent });
  } catch (error) {
    for (const { message } of items) retry(message, String(error), letters, env);
  }
};

const settle = (
  env: Env,
  message: Message,
  job: DeliverJob,
  result: JobResult,
  letters: DeadLetter[],
) => {
  if (result.deferred) return;
  if (result.failed > 0) {
    retry(
      message,
      `${result.failed} recipients not reached: ${result.errors.join("; ")}`,
      letters,
      env,
    );
    return;
  }
  message.ack();
  log(env, "info", "domain event processed", {
    correlationId: job.domainEvent.id,
    type: job.domainEvent.type,
    eventId: job.domainEvent.eventId,
    recipients: job.recipients.length,
  });
};

const deliver = async (
  env: Env,
  items: { message: Message; job: Job }[],
  letters: DeadLetter[],
  budget: number,
) => {
  const pairs = items.flatMap(({ message, job }) =>
    job.kind === "deliver" ? [{ message, job }] : [],
  );
  if (pairs.length === 0) return;
  let results: JobResult[];
  try {
    results = await deliverJobs(
      env,
      pairs.map((p) => p.job),
      budget,
    );
  } catch (error) {
    for (const { message } of pairs) retry(message, String(error), letters, env);
    return;
  }
  pairs.forEach(({ message, job }, i) => {
    settle(env, message, job, results[i] as JobResult, letters);
  });
  // What did not fit this invocation goes back on the queue as it came, without counting as a failure.
  const deferred = pairs.filter((_, i) => results[i]?.deferred);
  if (deferred.length === 0) return;
  try {
    await sendAll(
      env.NOTIFY_QUEUE,
      deferred.map((p) => p.message.body),
    );
    for (const { message } of deferred) message.ack();
  } catch {
    for (const { message } of deferred) message.retry({ delaySeconds: 1 });
  }
};

/**
 * What a batch leaves for deliveries: its workflow and departure steps spend subrequests
 * of the same invocation first.
 */
export const deliveryBudgetOf = (bodies: readonly unknown[]): number =>
  bodies.reduce<number>((left, body) => {
    if (isDepartureStep(body)) return left - DEPARTURE_SUBREQUESTS;
    // A webhook attempt is one POST; a notice one D1 read and one email.
    if (isAttemptMessage(body)) return left - 1;
    if (isDisabledNotice(body)) return left - 2;
    if (isWorkflowStep(body)) return left - STEP_SUBREQUESTS;
    return left;
  }, DELIVERY_BUDGET);

/** One attempt of a workflow step; it sends its own retries, the queue's are for sending them. */
const runWorkflow = async (env: Env, message: Message) => {
  try {
    await runStep(env, message.body);
    message.ack();
  } catch (error) {
    log(env, "error", "workflow step failed; retrying", {
      attempt: message.attempts,
      error: errorText(error),
    });
    message.retry({ delaySeconds: Math.min(300, 2 ** message.attempts) });
  }
};

/**
 * A `booking.refunded` from an older ledger still carries the refund to issue: the
 * refund workflow takes it over, and tells the attendee once the refund is done.
 */
const legacyRefund = (job: Job) => {
  const de = job.domainEvent;
  if (de.type !== "booking.refunded" || !de.data.refund || de.data.refund.refundId) return null;
  return { notice: de, refund: de.data.refund };
};

/** A departure step is retried like a domain event; it is safe to repeat. */
const runDeparture = async (env: Env, message: Message) => {
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
 * Records the deliveries every organizer's endpoints are owed for the batch's changes. A
 * change whose fan-out failed is retried whole; its attendees' deliveries are claimed, so
 * they are not notified twice.
 */
const fanOut = async (
  env: Env,
  changes: { message: Message; source: WebhookSource }[],
  letters: DeadLetter[],
): Promise<Set<Message>> => {
  if (changes.length === 0) return new Set();
  try {
    await fanOutWebhooks(
      env,
      changes.map((c) => c.source),
    );
    return new Set();
  } catch (error) {
    for (const { message } of changes) retry(message, errorText(error), letters, env);
    return new Set(changes.map((c) => c.message));
  }
};

const attempt = async (
  env: Env,
  items: { message: Message; job: AttemptMessage }[],
  letters: DeadLetter[],
) => {
  if (items.length === 0) return;
  try {
    await attemptWebhooks(
      env,
      items.map((i) => i.job),
    );
    for (const { message } of items) message.ack();
  } catch (error) {
    for (const { message } of items) retry(message, errorText(error), letters, env);
  }
};

/**
 * The queue handler. Every message is either a domain event, a page of its audience to
 * expand, a chunk of recipients, or a webhook's attempt or notice; the batch's D1 work is
 * shared across its messages.
 * A failed message is retried with backoff; on its last attempt the failure is written
 * to `dead_letters` before the queue moves it to the DLQ, whose consumer records what
 * arrives there.
 */
export const consumeQueue = async (batch: MessageBatch<unknown>, env: Env) => {
  if (batch.queue === DEAD_LETTER_QUEUE) return consumeDeadLetters(batch, env);
  const letters: DeadLetter[] = [];
  const items: { message: Message; job: Job }[] = [];
  const changes: { message: Message; source: WebhookSource }[] = [];
  const attempts: { message: Message; job: AttemptMessage }[] = [];
  const checkIns: { message: Message }[] = [];
  for (const message of batch.messages) {
    if (isAttemptMessage(message.body)) {
      attempts.push({ message, job: message.body });
      continue;
    }
    if (isDisabledNotice(message.body)) {
      await sendNotice(env, message.body).then(
        () => message.ack(),
        (error) => retry(message, errorText(error), letters, env),
      );
      continue;
    }
    const organizerEvent = OrganizerEventSchema.safeParse(message.body);
    if (organizerEvent.success) {
      changes.push({ message, source: organizerEvent.data.domainEvent });
      checkIns.push({ message });
      continue;
    }
    if (isDepartureStep(message.body)) {
      await runDeparture(env, message);
      continue;
    }
    if (isWorkflowStep(message.body)) {
      await runWorkflow(env, message);
      continue;
    }
    const job = jobOf(message.body);
    const legacy = job && legacyRefund(job);
    if (legacy) {
      await refundOfLegacyNotice(env, legacy.notice, legacy.refund).then(
        () => message.ack(),
        (error) => retry(message, errorText(error), letters, env),
      );
      continue;
    }
    if (job) {
      // A change as its ledger published it, not a page or chunk made from it, unless its
      // ledger's copy found no webhook endpoint to hear of it.
      const { kind, webhooks } = message.body as { kind?: unknown; webhooks?: unknown };
      if (!kind && webhooks !== false) changes.push({ message, source: job.domainEvent });
      items.push({ message, job });
      continue;
    }
    log(env, "error", "malformed domain event dropped", { messageId: message.id });
    letters.push({
      body: message.body,
      attempts: message.attempts,
      error: "malformed domain event",
    });
    message.ack();
  }
  const failed = await fanOut(env, changes, letters);
  // A check-in is for webhooks only: done once its deliveries are recorded.
  for (const { message } of checkIns) if (!failed.has(message)) message.ack();
  const notified = items.filter((i) => !failed.has(i.message));
  await expand(
    env,
    notified.filter((i) => i.job.kind === "expand"),
    letters,
  );
  await deliver(env, notified, letters, deliveryBudgetOf(batch.messages.map((m) => m.body)));
  await attempt(env, attempts, letters);
  await recordDeadLetters(env, letters);
};

/**
 * What the queue gave up on is recorded in `dead_letters`, except work that must not be
 * lost: a workflow step goes back on the queue, to be tried again in a minute.
 */
const consumeDeadLetters = async (batch: MessageBatch<unknown>, env: Env) => {
  const steps = batch.messages.filter((m) => isWorkflowStep(m.body));
  const others = batch.messages.filter((m) => !isWorkflowStep(m.body));
  await recordDeadLetters(
    env,
    others.map((m) => ({ body: m.body, attempts: m.attempts, error: "" })),
  );
  const again = steps.map((m) => ({
    body: m.body,
    contentType: "json" as const,
    delaySeconds: 60,
  }));
  // Split by the queue's byte limit too: a step may carry an older ledger's notice.
  for (const batch of packBatches(again)) await env.NOTIFY_QUEUE.sendBatch(batch);
  for (const message of batch.messages) message.ack();
};
