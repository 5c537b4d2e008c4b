import { log } from "../lib/logger";
import { emailTransport } from "./channels/email";
import { pushTransport } from "./channels/push";
import {
  type Channel,
  claimDelivery,
  type DeliveryEntry,
  ensureNotification,
  recordDelivery,
  removeDevice,
} from "./delivery-log";
import type { EnrichedEvent, RecipientProfile } from "./enrichment";
import { hubOf, type NotificationFrame } from "./hub-client";
import { renderTemplate } from "./templates";
import type { DeliveryOutcome, DomainEvent, RenderedMessage } from "./types";

/** A transport's outcome, or a channel that had nobody to reach (no open socket). */
type Outcome = DeliveryOutcome | { status: "skipped"; transport: string; error: string };

/** One attempt on one channel for one recipient, or the reason there is none. */
type Plan = { channel: Channel; recipient: string } & (
  | { skip: string }
  | { send: () => Promise<Outcome> }
);

export class DeliveryFailed extends Error {}

const PUSH_BODY_LIMIT = 178;

/** Push and WebSocket carry a short body: the message's first paragraph after the greeting. */
export const summarize = (text: string): string => {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim());
  const main = paragraphs[1] || paragraphs[0] || "";
  return main.length > PUSH_BODY_LIMIT ? `${main.slice(0, PUSH_BODY_LIMIT - 1)}…` : main;
};

const plansFor = (
  env: Env,
  profile: RecipientProfile,
  message: RenderedMessage,
  frame: NotificationFrame,
): Plan[] => {
  const { preferences: prefs, attendeeId } = profile;
  const off = "disabled by the attendee's preferences";
  const websocket: Plan = prefs.websocket
    ? {
        channel: "websocket",
        recipient: attendeeId,
        send: async () => {
          const reached = await hubOf(env, attendeeId).deliver(frame);
          return reached > 0
            ? { status: "sent", transport: "websocket", payload: { connections: reached } }
            : { status: "skipped", transport: "websocket", error: "no open connection" };
        },
      }
    : { channel: "websocket", recipient: attendeeId, skip: off };
  const push: Plan[] = !prefs.push
    ? [{ channel: "push", recipient: attendeeId, skip: off }]
    : profile.devices.length === 0
      ? [{ channel: "push", recipient: attendeeId, skip: "no registered device" }]
      : profile.devices.map((device) => ({
          channel: "push" as const,
          recipient: `device:${device.id}`,
          send: () =>
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
  const email: Plan = prefs.email
    ? {
        channel: "email",
        recipient: profile.email,
        send: () =>
          emailTransport(env).send({
            // The provider drops a repeat with the same key, should a retry race a slow answer.
            idempotencyKey: frame.id,
            to: profile.email,
            toName: profile.name,
            subject: message.subject,
            text: message.text,
            html: message.html,
          }),
      }
    : { channel: "email", recipient: profile.email, skip: off };
  return [websocket, ...push, email];
};

/** An unregistered device is a failed delivery in the log (and the device is removed). */
const loggedStatus = (outcome: Outcome): DeliveryEntry["status"] =>
  outcome.status === "unregistered" ? "failed" : outcome.status;

const notifyRecipient = async (
  env: Env,
  domainEvent: DomainEvent,
  enriched: EnrichedEvent,
  profile: RecipientProfile,
): Promise<number> => {
  const { event } = enriched;
  const waitlistPosition = (domainEvent.data.booking as { waitlistPosition?: number } | undefined)
    ?.waitlistPosition;
  const message = renderTemplate(domainEvent.type, profile.locale, {
    attendeeName: profile.name,
    eventTitle: event.title,
    startDate: event.startDate,
    endDate: event.endDate,
    country: event.country,
    countryName: event.countryName,
    waitlistPosition: waitlistPosition ?? null,
    timeZone: profile.timeZone,
  });
  const body = summarize(message.text);
  const notification = await ensureNotification(env.DB, {
    domainEventId: domainEvent.id,
    attendeeId: profile.attendeeId,
    type: domainEvent.type,
    title: message.subject,
    body,
    eventId: domainEvent.eventId,
    bookingId: domainEvent.bookingId ?? null,
  });
  const frame: NotificationFrame = {
    id: notification.id,
    type: domainEvent.type,
    title: message.subject,
    body,
    eventId: domainEvent.eventId,
    bookingId: domainEvent.bookingId ?? null,
    createdAt: notification.createdAt,
  };
  let failures = 0;
  for (const plan of plansFor(env, profile, message, frame)) {
    const base = { notificationId: notification.id, domainEventId: domainEvent.id, ...plan };
    if (!(await claimDelivery(env.DB, base))) continue;
    if ("skip" in plan) {
      await recordDelivery(env.DB, { ...base, status: "skipped", error: plan.skip });
      continue;
    }
    const outcome = await plan
      .send()
      .catch(
        (error): Outcome => ({ status: "failed", transport: "unknown", error: String(error) }),
      );
    if (outcome.status === "unregistered") await removeDevice(env.DB, plan.recipient.slice(7));
    else if (outcome.status === "failed") failures++;
    const status = loggedStatus(outcome);
    await recordDelivery(env.DB, { ...base, status, outcome });
    log(env, "info", "notification delivery", {
      correlationId: domainEvent.id,
      attendeeId: profile.attendeeId,
      channel: plan.channel,
      status,
      transport: outcome.transport,
      error: outcome.error,
    });
  }
  return failures;
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
