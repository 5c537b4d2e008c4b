import { log } from "../lib/logger";
import { emailTransport } from "./channels/email";
import { pushTransport } from "./channels/push";
import {
  type Channel,
  claimStatement,
  type DeliveryEntry,
  notificationStatements,
  recordStatement,
  removeDeviceStatement,
} from "./delivery-log";
import type { EnrichedEvent, RecipientProfile } from "./enrichment";
import { hubOf, type NotificationFrame } from "./hub-client";
import { renderTemplate } from "./templates";
import type { DeliveryOutcome, DomainEvent, RenderedMessage } from "./types";

/** A transport's outcome, or a channel that had nobody to reach (no open socket). */
type Outcome = DeliveryOutcome | { status: "skipped"; transport: string; error: string };

/** One channel for one recipient: how to reach them, or the reason not to. */
type Plan = { channel: Channel; recipient: string; deviceId?: string } & (
  | { skip: string }
  | { send: (frame: NotificationFrame) => Promise<Outcome> }
);

export class DeliveryFailed extends Error {}

const PUSH_BODY_LIMIT = 178;
const OFF = "disabled by the attendee's preferences";

/** Push and WebSocket carry a short body: the message's first paragraph after the greeting. */
export const summarize = (text: string): string => {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim());
  const main = paragraphs[1] || paragraphs[0] || "";
  return main.length > PUSH_BODY_LIMIT ? `${main.slice(0, PUSH_BODY_LIMIT - 1)}…` : main;
};

const websocketPlan = (env: Env, profile: RecipientProfile): Plan => {
  const base = { channel: "websocket" as const, recipient: profile.attendeeId };
  if (!profile.preferences.websocket) return { ...base, skip: OFF };
  return {
    ...base,
    send: async (frame) => {
      const reached = await hubOf(env, profile.attendeeId).deliver(frame);
      return reached > 0
        ? { status: "sent", transport: "websocket", payload: { connections: reached } }
        : { status: "skipped", transport: "websocket", error: "no open connection" };
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
    deviceId: device.id,
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

/** An unregistered device is a failed delivery in the log (and the device is removed). */
const loggedStatus = (outcome: Outcome): DeliveryEntry["status"] =>
  outcome.status === "unregistered" ? "failed" : outcome.status;

const render = (domainEvent: DomainEvent, enriched: EnrichedEvent, profile: RecipientProfile) => {
  const { event } = enriched;
  const booking = "booking" in domainEvent.data ? domainEvent.data.booking : undefined;
  return renderTemplate(domainEvent.type, profile.locale, {
    attendeeName: profile.name,
    eventTitle: event.title,
    startDate: event.startDate,
    endDate: event.endDate,
    country: event.country,
    countryName: event.countryName,
    waitlistPosition: booking?.waitlistPosition ?? null,
    seats: booking?.seats ?? null,
    expiresAt: booking?.expiresAt ?? null,
    timeZone: profile.timeZone,
  });
};

/**
 * Two D1 round trips per recipient: one creates (or finds) the notification and claims
 * every delivery, one records how the claimed deliveries went. Sends run in parallel.
 */
const notifyRecipient = async (
  env: Env,
  domainEvent: DomainEvent,
  enriched: EnrichedEvent,
  profile: RecipientProfile,
): Promise<number> => {
  const message = render(domainEvent, enriched, profile);
  const body = summarize(message.text);
  const plans = [
    websocketPlan(env, profile),
    ...pushPlans(env, profile),
    emailPlan(env, profile, message),
  ];
  const key = { domainEventId: domainEvent.id, attendeeId: profile.attendeeId };
  const [, found, ...claims] = await env.DB.batch<{ id: string; created_at: string }>([
    ...notificationStatements(env.DB, {
      ...key,
      type: domainEvent.type,
      title: message.subject,
      body,
      eventId: domainEvent.eventId,
      bookingId: domainEvent.bookingId ?? null,
    }),
    ...plans.map((plan) => claimStatement(env.DB, { ...key, ...plan })),
  ]);
  const notification = found?.results[0];
  if (!notification) throw new Error("notification row missing after insert");
  const frame: NotificationFrame = {
    id: notification.id,
    type: domainEvent.type,
    title: message.subject,
    body,
    eventId: domainEvent.eventId,
    bookingId: domainEvent.bookingId ?? null,
    createdAt: notification.created_at,
  };
  const claimed = plans.filter((_, i) => (claims[i]?.results.length ?? 0) > 0);
  const outcomes = await Promise.all(
    claimed.map(
      (plan): Promise<Outcome> =>
        "skip" in plan
          ? Promise.resolve({ status: "skipped", transport: plan.channel, error: plan.skip })
          : plan.send(frame).catch(
              (error): Outcome => ({
                status: "failed",
                transport: "unknown",
                error: String(error),
              }),
            ),
    ),
  );
  if (claimed.length === 0) return 0;
  await env.DB.batch(
    claimed.flatMap((plan, i) => {
      const outcome = outcomes[i] as Outcome;
      const entry = {
        domainEventId: domainEvent.id,
        ...plan,
        status: loggedStatus(outcome),
        outcome,
      };
      const removal =
        outcome.status === "unregistered" && plan.deviceId
          ? [removeDeviceStatement(env.DB, plan.deviceId)]
          : [];
      return [
        recordStatement(
          env.DB,
          "skip" in plan ? { ...entry, outcome: undefined, error: plan.skip } : entry,
        ),
        ...removal,
      ];
    }),
  );
  claimed.forEach((plan, i) => {
    const outcome = outcomes[i] as Outcome;
    log(env, "info", "notification delivery", {
      correlationId: domainEvent.id,
      attendeeId: profile.attendeeId,
      channel: plan.channel,
      status: loggedStatus(outcome),
      transport: outcome.transport,
      error: outcome.error,
    });
  });
  return outcomes.filter((o) => o.status === "failed").length;
};

/**
 * Routes one enriched domain event to every recipient's channels. Each delivery is
 * claimed first, so a redelivered (or concurrently duplicated) message never notifies
 * twice; failed ones throw, so the queue retries just those.
 */
export const dispatch = async (env: Env, domainEvent: DomainEvent, enriched: EnrichedEvent) => {
  let failures = 0;
  for (const profile of enriched.recipients) {
    failures += await notifyRecipient(env, domainEvent, enriched, profile);
  }
  if (failures > 0)
    throw new DeliveryFailed(`${failures} deliveries failed; the queue will retry them`);
};
