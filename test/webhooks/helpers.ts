import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { vi } from "vitest";
import { attemptWebhooks, type Clock } from "../../src/webhooks/attempts";
import { type AttemptMessage, isAttemptMessage } from "../../src/webhooks/messages";
import { as, bodyOf } from "../client";
import { unique } from "../helpers";
import { sentToStandIn } from "../notifications/helpers";

type CreateInput = Parameters<ReturnType<typeof as>["api"]["webhooks"]["$post"]>[0]["json"];

/** An endpoint of the test receiver whose behaviour `kind` names (see test/standins/receiver.ts). */
export const receiverUrl = (
  kind: "ok" | "flaky" | "fail" | "gone" | "busy" | "unavailable" | "moved" | "slow",
) => `https://hooks.test/${kind}/${unique("r")}`;

export const createWebhook = async (token: string, input: Partial<CreateInput> = {}) =>
  bodyOf(
    await as(token).api.webhooks.$post({
      json: { url: receiverUrl("ok"), events: ["*"], ...input },
    }),
    201,
  );

/** What the receiver at `url` was sent, oldest first. */
export const receivedAt = async (url: string) =>
  (await sentToStandIn("hooks.test")).filter((r) => r.url === url);

/**
 * Verifies a request as a receiver would, with the Standard Webhooks library, its clock
 * at the moment the request was signed. Answers the payload, or throws.
 */
export const verified = (
  secret: string,
  request: { headers: Record<string, string>; body: string },
) => {
  const signedAt = Number(request.headers["webhook-timestamp"]) * 1000;
  const now = vi.spyOn(Date, "now").mockReturnValue(signedAt);
  try {
    return new Webhook(secret).verify(request.body, request.headers) as {
      type: string;
      timestamp: string;
      data: Record<string, any>;
    };
  } finally {
    now.mockRestore();
  }
};

/** Keeps what the service sends to the queue, with each message's delay. */
export const recordingQueue = () => {
  const sent: { body: unknown; delaySeconds: number }[] = [];
  const queue = {
    send: async (body: unknown, options?: { delaySeconds?: number }) => {
      sent.push({ body, delaySeconds: options?.delaySeconds ?? 0 });
    },
    sendBatch: async (messages: Iterable<{ body: unknown; delaySeconds?: number }>) => {
      for (const m of messages) sent.push({ body: m.body, delaySeconds: m.delaySeconds ?? 0 });
    },
  } as unknown as Queue;
  return { queue, sent };
};

/** A clock the test moves; chance fixed at its middle unless told otherwise. */
export const controlledClock = (start: number, random = 0.5) => {
  const clock = { at: start, random };
  const reading: Clock = { now: () => clock.at, random: () => clock.random };
  return { clock, reading };
};

/**
 * Runs one attempt message on the controlled clock, as the queue would deliver it after
 * its delay; answers what the attempt sent back to the queue.
 */
export const runAttempt = async (message: AttemptMessage, reading: Clock) => {
  const { queue, sent } = recordingQueue();
  await attemptWebhooks({ ...env, NOTIFY_QUEUE: queue }, [message], reading);
  return sent;
};

export const attemptsIn = (sent: { body: unknown }[]) =>
  sent.map((s) => s.body).filter(isAttemptMessage);

/** The delivery rows of an endpoint, newest first, as D1 holds them. */
export const deliveryRows = async (endpointId: string) =>
  (
    await env.DB.prepare(
      "SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at DESC, id DESC",
    )
      .bind(endpointId)
      .all<{
        id: string;
        status: string;
        attempts: number;
        last_status: number | null;
        last_error: string | null;
        next_attempt_at: string | null;
      }>()
  ).results;
