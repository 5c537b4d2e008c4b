import {
  EXPIRY_WINDOW_MS,
  type ExpireCheckoutStep,
  REFUND_WINDOW_MS,
  type RefundStep,
  retryDelay,
  type WorkflowStep,
  WorkflowStepSchema,
} from "../contracts/workflow-steps";
import { callLedger, ledgerOf } from "../ledger/client";
import type { RefundOutcome } from "../ledger/payment-decisions";
import { errorText, log } from "../lib/logger";
import { paymentProvider } from "../payments";

/** Subrequests one step may spend: the provider call, the ledger's report, the next attempt. */
export const STEP_SUBREQUESTS = 3;

/** The same step again, later: a new message, so no queue's retry limit ever ends it. */
const tryAgain = async (env: Env, step: WorkflowStep) => {
  await env.NOTIFY_QUEUE.send(
    { ...step, attempt: step.attempt + 1 },
    { contentType: "json", delaySeconds: retryDelay(step.attempt) },
  );
};

/** Tells the ledger how a refund ended; a notice carried from an older ledger goes out now. */
const report = async (env: Env, step: RefundStep, outcome: RefundOutcome) => {
  const { eventId, bookingId } = step;
  const known = eventId
    ? await callLedger(() => ledgerOf(env, eventId).settleRefund(eventId, bookingId, outcome))
    : false;
  if (outcome.kind === "refunded" && step.notice) {
    const notice = step.notice as { data?: { refund?: Record<string, unknown> } };
    const refund = { ...notice.data?.refund, refundId: outcome.refundId };
    await env.NOTIFY_QUEUE.send({ ...notice, data: { ...notice.data, refund } });
  }
  if (!known) {
    log(env, outcome.kind === "refunded" ? "info" : "error", `refund ${outcome.kind}`, {
      bookingId,
      eventId,
      attempts: step.attempt,
    });
  }
};

const refund = async (env: Env, step: RefundStep, now: number) => {
  let refundId: string;
  try {
    const { bookingId, eventId, paymentIntentId } = step;
    refundId = (await paymentProvider(env).refund({ bookingId, eventId, paymentIntentId })).id;
  } catch (error) {
    log(env, "warn", "refund attempt failed", {
      bookingId: step.bookingId,
      attempt: step.attempt,
      error: errorText(error),
    });
    if (now - step.decidedAt < REFUND_WINDOW_MS) return tryAgain(env, step);
    return report(env, step, { kind: "failed" });
  }
  return report(env, step, { kind: "refunded", refundId });
};

const expireCheckout = async (env: Env, step: ExpireCheckoutStep, now: number) => {
  try {
    await paymentProvider(env).expireCheckout(step.sessionId);
  } catch (error) {
    // Past a day the session has expired on its own.
    if (now - step.decidedAt < EXPIRY_WINDOW_MS) return tryAgain(env, step);
    log(env, "warn", "gave up expiring a checkout session", {
      sessionId: step.sessionId,
      error: errorText(error),
    });
  }
};

/**
 * Runs one attempt of a step. A failed attempt sends the next one, delayed; only a step
 * whose next attempt could not even be sent throws, for the queue to retry it as is.
 */
export const runStep = async (env: Env, body: unknown, now = Date.now()): Promise<void> => {
  const parsed = WorkflowStepSchema.safeParse(body);
  if (!parsed.success) {
    log(env, "error", "malformed workflow step dropped", { error: parsed.error.message });
    return;
  }
  const step = parsed.data;
  if (step.workflow === "refund") return refund(env, step, now);
  return expireCheckout(env, step, now);
};

/**
 * A refund for a payment no ledger knows (its event deleted and wound down): issued by
 * the same workflow, with the same retries.
 */
export const refundUnknownPayment = (
  env: Env,
  payment: { bookingId: string; paymentIntentId: string },
) => {
  const step: RefundStep = {
    workflow: "refund",
    eventId: null,
    ...payment,
    amount: null,
    currency: null,
    attempt: 1,
    decidedAt: Date.now(),
  };
  return env.NOTIFY_QUEUE.send(step, { contentType: "json" });
};

/**
 * A `booking.refunded` queued by an older ledger, which expected the consumer to refund
 * before telling: the refund goes to the workflow, which sends the notice once it is done.
 */
export const refundOfLegacyNotice = (
  env: Env,
  notice: { id: string; eventId: string; bookingId?: string; occurredAt: string },
  refund: { paymentIntentId: string; amount: number; currency: string },
) => {
  const step: RefundStep = {
    workflow: "refund",
    eventId: notice.eventId,
    bookingId: notice.bookingId ?? notice.id,
    ...refund,
    attempt: 1,
    decidedAt: Date.parse(notice.occurredAt) || Date.now(),
    notice: notice as unknown as Record<string, unknown>,
  };
  return env.NOTIFY_QUEUE.send(step, { contentType: "json" });
};
