import { newId } from "../lib/ids";
import { log } from "../lib/logger";
import {
  type ClaimRow,
  claimStatements,
  type LoggedStatus,
  type NotificationRow,
  notificationStatements,
  type RecordRow,
  recordStatements,
  type SkippedChannel,
} from "./delivery-log";
import type { EventDetails, RecipientProfile } from "./enrichment";
import type { NotificationFrame } from "./hub-client";
import { attempt, type Outcome, type Plan, plansFor, summarize } from "./plans";
import { renderTemplate } from "./templates";
import type { DomainEvent } from "./types";

/** One domain event for one recipient, enriched and ready to route. */
export interface Delivery {
  domainEvent: DomainEvent;
  event: EventDetails;
  profile: RecipientProfile;
}

interface Work extends Delivery {
  key: string;
  row: NotificationRow;
  plans: Plan[];
}

export const deliveryKey = (domainEventId: string, attendeeId: string) =>
  `${domainEventId}|${attendeeId}`;

/** One delivery: its notification (domain event and attendee), channel and recipient. */
const claimKey = (domainEventId: string, attendeeId: string, channel: string, recipient: string) =>
  `${deliveryKey(domainEventId, attendeeId)}|${channel}|${recipient}`;

/** What a paid booking's message names: the refund's own figures, else the booking's payment. */
const paymentOf = (domainEvent: DomainEvent) => {
  const data = domainEvent.data;
  const payment = "booking" in data ? data.booking?.payment : null;
  const refund = "refund" in data ? data.refund : undefined;
  return {
    amount: refund?.amount ?? payment?.amount ?? null,
    currency: refund?.currency ?? payment?.currency ?? null,
    checkoutUrl: payment?.status === "requires_payment" ? payment.checkoutUrl : null,
  };
};

const render = ({ domainEvent, event, profile }: Delivery) => {
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
    items: booking?.items ?? null,
    expiresAt: booking?.expiresAt ?? null,
    ...paymentOf(domainEvent),
    ticketsUrl: "ticketsUrl" in domainEvent.data ? domainEvent.data.ticketsUrl : null,
    timeZone: profile.timeZone,
  });
};

const prepare = (env: Env, delivery: Delivery): Work => {
  const { domainEvent, profile } = delivery;
  const message = render(delivery);
  const plans = plansFor(env, profile, message);
  const skipped: SkippedChannel[] = plans.flatMap((p) =>
    "skip" in p ? [{ channel: p.channel, recipient: p.recipient, error: p.skip }] : [],
  );
  return {
    ...delivery,
    key: deliveryKey(domainEvent.id, profile.attendeeId),
    plans,
    row: {
      id: newId(),
      d: domainEvent.id,
      a: profile.attendeeId,
      t: domainEvent.occurredAt,
      type: domainEvent.type,
      title: message.subject,
      body: summarize(message.text),
      e: domainEvent.eventId,
      b: domainEvent.bookingId ?? null,
      s: skipped.length > 0 ? JSON.stringify(skipped) : null,
    },
  };
};

/** An unregistered device is a failed delivery in the log (and the device is removed). */
const loggedStatus = (outcome: Outcome): LoggedStatus =>
  outcome.status === "unregistered" ? "failed" : outcome.status;

/**
 * One D1 round trip for every recipient of the batch: create (or find) their
 * notifications, with the channels that have nobody to reach, and claim every other
 * delivery not already done: all of a notification this batch made, and those of an
 * earlier one that its claim gives back.
 */
const claimAll = async (env: Env, work: Work[]) => {
  const claims: ClaimRow[] = work.flatMap((w) =>
    w.plans.map((p) => ({
      id: newId(),
      d: w.row.d,
      a: w.row.a,
      t: w.row.t,
      c: p.channel,
      r: p.recipient,
      ...("skip" in p ? { skip: p.skip } : {}),
    })),
  );
  const notifications = notificationStatements(
    env.DB,
    work.map((w) => w.row),
  );
  const claimed = claimStatements(env.DB, claims);
  const results = await env.DB.batch<Record<string, string>>([
    ...notifications.insert,
    ...claimed,
    ...notifications.select,
  ]);
  const from = notifications.insert.length;
  const made = new Set(
    results.slice(0, from).flatMap((r) => r.results.map((n) => deliveryKey(n.d ?? "", n.a ?? ""))),
  );
  const claimedRows = results.slice(from, from + claimed.length).flatMap((r) => r.results);
  const found = results.slice(from + claimed.length).flatMap((r) => r.results);
  const firstAttempts = work
    .filter((w) => made.has(w.key))
    .flatMap((w) =>
      w.plans
        .filter((p) => !("skip" in p))
        .map((p) => claimKey(w.row.d, w.row.a, p.channel, p.recipient)),
    );
  return {
    claimed: new Set([
      ...firstAttempts,
      ...claimedRows
        .filter((r) => r.s === "failed")
        .map((r) => claimKey(r.d ?? "", r.a ?? "", r.c ?? "", r.r ?? "")),
    ]),
    notifications: new Map(
      found.map((r) => [deliveryKey(r.d ?? "", r.a ?? ""), { id: r.id, createdAt: r.created_at }]),
    ),
  };
};

const frameOf = (
  w: Work,
  notification: { id?: string; createdAt?: string },
): NotificationFrame => ({
  id: notification.id ?? w.row.id,
  type: w.domainEvent.type,
  title: w.row.title,
  body: w.row.body,
  eventId: w.domainEvent.eventId,
  bookingId: w.domainEvent.bookingId ?? null,
  createdAt: notification.createdAt ?? w.row.t,
});

/**
 * Routes every delivery of a batch: one D1 round trip claims them all, the sends run in
 * parallel, one more records how they went (none when nothing was sent). Each delivery is claimed first, so a
 * redelivered or duplicated message never notifies twice. Answers the failed
 * deliveries per (domain event, attendee), which the caller retries.
 */
export const dispatchAll = async (env: Env, deliveries: Delivery[]) => {
  const failures = new Map<string, number>();
  const work = [
    ...new Map(
      deliveries.map((d) => [deliveryKey(d.domainEvent.id, d.profile.attendeeId), prepare(env, d)]),
    ).values(),
  ];
  if (work.length === 0) return failures;
  const { claimed, notifications } = await claimAll(env, work);
  const attempts = work.flatMap((w) => {
    const notification = notifications.get(w.key);
    if (!notification) return [];
    const frame = frameOf(w, notification);
    return w.plans
      .filter((p) => claimed.has(claimKey(w.row.d, w.row.a, p.channel, p.recipient)))
      .map(async (plan) => ({ w, plan, outcome: await attempt(plan, frame) }));
  });
  const settled = await Promise.all(attempts);
  if (settled.length === 0) return failures;
  const records: RecordRow[] = settled.map(({ w, plan, outcome }) => ({
    id: newId(),
    d: w.row.d,
    a: w.row.a,
    t: w.row.t,
    c: plan.channel,
    r: plan.recipient,
    s: loggedStatus(outcome),
    tr: outcome.transport,
    err: outcome.error ?? null,
    p:
      "payload" in outcome && outcome.payload !== undefined
        ? JSON.stringify(outcome.payload)
        : null,
  }));
  const deadDevices = settled
    .filter(({ outcome }) => outcome.status === "unregistered")
    .map(({ plan }) => plan.recipient.slice("device:".length));
  await env.DB.batch(recordStatements(env.DB, records, deadDevices));
  for (const { w, plan, outcome } of settled) {
    const status = loggedStatus(outcome);
    if (status === "failed") failures.set(w.key, (failures.get(w.key) ?? 0) + 1);
    log(env, "info", "notification delivery", {
      correlationId: w.domainEvent.id,
      attendeeId: w.profile.attendeeId,
      channel: plan.channel,
      status,
      transport: outcome.transport,
      error: outcome.error,
    });
  }
  return failures;
};
