import { emailTransport } from "./channels/email";
import { pushTransport } from "./channels/push";
import type { Channel } from "./delivery-log";
import type { RecipientProfile } from "./enrichment";
import { hubOf, type NotificationFrame } from "./hub-client";
import type { DeliveryOutcome, RenderedMessage } from "./types";

/** A transport's outcome, or a channel that had nobody to reach (no open socket). */
export type Outcome = DeliveryOutcome | { status: "skipped"; transport: string; error: string };

/** One channel for one recipient: how to reach them, or the reason not to. */
export type Plan = { channel: Channel; recipient: string } & (
  | { skip: string }
  | { send: (frame: NotificationFrame) => Promise<Outcome> }
);

const PUSH_BODY_LIMIT = 178;
const OFF = "disabled by the attendee's preferences";
const NOBODY = "no open connection";

/** Push and WebSocket carry a short body: the message's first paragraph after the greeting. */
export const summarize = (text: string): string => {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim());
  const main = paragraphs[1] || paragraphs[0] || "";
  return main.length > PUSH_BODY_LIMIT ? `${main.slice(0, PUSH_BODY_LIMIT - 1)}…` : main;
};

/**
 * Subrequests one recipient may cost: a hub call (only when listening), an email, a push per device, and the
 * profile service's tries. The consumer sizes each invocation by this.
 */
export const subrequestsOf = (profile: RecipientProfile, profileLookups: number): number =>
  (profile.preferences.websocket && profile.listening ? 1 : 0) +
  (profile.preferences.email ? 1 : 0) +
  (profile.preferences.push ? profile.devices.length : 0) +
  profileLookups;

const websocketPlan = (env: Env, profile: RecipientProfile): Plan => {
  const base = { channel: "websocket" as const, recipient: profile.attendeeId };
  if (!profile.preferences.websocket) return { ...base, skip: OFF };
  if (!profile.listening) return { ...base, skip: NOBODY };
  return {
    ...base,
    send: async (frame) => {
      const reached = await hubOf(env, profile.attendeeId).deliver(frame, profile.attendeeId);
      return reached > 0
        ? { status: "sent", transport: "websocket", payload: { connections: reached } }
        : { status: "skipped", transport: "websocket", error: NOBODY };
    },
  };
};

const pushPlans = (env: Env, profile: RecipientProfile): Plan[] => {
  const base = { channel: "push" as const, recipient: profile.attendeeId };
  if (!profile.preferences.push) return [{ ...base, skip: OFF }];
  if (profile.devices.length === 0) return [{ ...base, skip: "no registered device" }];
  return profile.devices.map((device) => ({
    channel: "push" as const,
    recipient: `device:${device.id}`,
    send: (frame) =>
      pushTransport(env).send(device, {
        title: frame.title,
        body: frame.body,
        data: {
          type: frame.type,
          eventId: frame.eventId,
          bookingId: frame.bookingId ?? "",
          notificationId: frame.id,
        },
      }),
  }));
};

const emailPlan = (env: Env, profile: RecipientProfile, message: RenderedMessage): Plan => {
  const base = { channel: "email" as const, recipient: profile.email };
  if (!profile.preferences.email) return { ...base, skip: OFF };
  return {
    ...base,
    send: (frame) =>
      emailTransport(env).send({
        // The provider drops a repeat with the same key, should a retry race a slow answer.
        idempotencyKey: frame.id,
        to: profile.email,
        toName: profile.name,
        subject: message.subject,
        text: message.text,
        html: message.html,
      }),
  };
};

/** Every channel of one recipient, in the order the delivery log lists them. */
export const plansFor = (env: Env, profile: RecipientProfile, message: RenderedMessage): Plan[] => [
  websocketPlan(env, profile),
  ...pushPlans(env, profile),
  emailPlan(env, profile, message),
];

/** Runs a plan; a transport that throws is a failed delivery, never a failed batch. */
export const attempt = (plan: Plan, frame: NotificationFrame): Promise<Outcome> =>
  "skip" in plan
    ? Promise.resolve({ status: "skipped", transport: plan.channel, error: plan.skip })
    : plan
        .send(frame)
        .catch(
          (error): Outcome => ({ status: "failed", transport: "unknown", error: String(error) }),
        );
