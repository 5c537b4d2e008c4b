import { z } from "@hono/zod-openapi";

const HOUR_S = 3600;
const DAY_MS = 24 * HOUR_S * 1000;

/**
 * A refund is tried for at least three days, as Stripe itself retries its webhooks, and
 * through deploys and deletions: each attempt is a queue message, not a ledger's memory.
 */
export const REFUND_WINDOW_MS = 3 * DAY_MS;
/** A checkout session lives at most a day; after that it has expired on its own. */
export const EXPIRY_WINDOW_MS = DAY_MS;

/** The waits between attempts, in seconds; the last repeats (the queue delays at most 12 h). */
export const RETRY_DELAYS_S = [
  5,
  60,
  300,
  1800,
  HOUR_S,
  2 * HOUR_S,
  4 * HOUR_S,
  8 * HOUR_S,
  12 * HOUR_S,
];

/** How long to wait after attempt `attempt` (1-based) failed. */
export const retryDelay = (attempt: number): number =>
  RETRY_DELAYS_S[Math.min(attempt, RETRY_DELAYS_S.length) - 1] ?? 12 * HOUR_S;

const stepFields = {
  /** The ledger that decided the step and hears how it ended; null when no ledger knows it. */
  eventId: z.string().nullable(),
  bookingId: z.string(),
  /** 1 for the first try; each retry is a new message with the next number. */
  attempt: z.number().int().min(1),
  /** Epoch milliseconds: when the ledger decided it, which bounds the retries. */
  decidedAt: z.number(),
};

const RefundStep = z.object({
  workflow: z.literal("refund"),
  ...stepFields,
  paymentIntentId: z.string(),
  amount: z.number().int().nullable(),
  currency: z.string().nullable(),
  /** A notice an older ledger queued with the refund: sent once the refund is done. */
  notice: z.record(z.string(), z.unknown()).optional(),
});

const ExpireCheckoutStep = z.object({
  workflow: z.literal("expire-checkout"),
  ...stepFields,
  sessionId: z.string(),
});

/** Work a decision hands over, done outside any request and retried until it is done. */
export const WorkflowStepSchema = z.discriminatedUnion("workflow", [
  RefundStep,
  ExpireCheckoutStep,
]);
export type WorkflowStep = z.infer<typeof WorkflowStepSchema>;
export type RefundStep = z.infer<typeof RefundStep>;
export type ExpireCheckoutStep = z.infer<typeof ExpireCheckoutStep>;

export const isWorkflowStep = (body: unknown): boolean =>
  typeof body === "object" && body !== null && "workflow" in body;
