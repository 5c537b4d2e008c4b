import { performance } from "node:perf_hooks";
import { busiestWindow } from "../admission/windows";
import { call, expectCall } from "./client";
import type { Attendee } from "./seed";

/**
 * The on-sale: every client joins the event's queue before sales open, the sale opens,
 * and each client polls its entry as a well-behaved client would (first within 10 s of
 * the opening, then at about half its estimated wait, 2 to 15 s) and books the moment it
 * holds a pass. All clients live at once, mostly asleep; at most `concurrency` requests
 * are in flight, and latencies count from a request's sending, not its wait for a slot.
 * Some bookings are sent without a pass on purpose: each must be refused.
 */
export interface OnSaleResult {
  joiners: number;
  admitPerMinute: number;
  joinsPerSecond: number;
  joinP50: number;
  joinP99: number;
  polls: number;
  bookings: number;
  bookingP50: number;
  bookingP99: number;
  /**
   * Bookings per second from the sale's opening to the last booking, plus one second:
   * the first second's passes all go out at the opening (the queue's documented burst).
   */
  bookingsPerSecond: number;
  /** The most bookings the ledger took in any one second. */
  busiestSecond: number;
  /** Sent without a pass: each must be refused with 428. */
  passless: { sent: number; booked: number };
  /** The event's booked seats as the API shows them once the sale is over. */
  bookedCount: number;
  queue: { waiting: number; admitted: number };
  errors: string[];
}

/** Clients first poll within this long of the opening, not all in its first instant. */
const FIRST_POLL_SPREAD_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = (ms: number) => ms * (0.8 + Math.random() * 0.4);

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** At most `width` calls in flight; the others wait their turn. */
const limiter = (width: number) => {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= width) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
};

/** Attendees who book without a pass, besides the joiners. */
export const ON_SALE_PASSLESS = 50;

export const runOnSale = async (
  base: string,
  organizerToken: string,
  attendees: readonly Attendee[],
  options: { joiners: number; admitPerMinute: number; concurrency: number },
): Promise<OnSaleResult> => {
  const { joiners, admitPerMinute, concurrency } = options;
  if (attendees.length < joiners + ON_SALE_PASSLESS)
    throw new Error("not enough attendees for the on-sale");
  const limit = limiter(concurrency);
  const errors: string[] = [];
  const event = await expectCall<{ id: string }>(201, base, "POST", "/api/events", {
    token: organizerToken,
    body: {
      title: "On-sale",
      country: "FR",
      startDate: "2031-06-01T18:00:00Z",
      endDate: "2031-06-01T23:00:00Z",
      capacity: joiners + ON_SALE_PASSLESS,
      queueEnabled: true,
      admitPerMinute,
      salesStartAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  const queuePath = `/api/events/${event.id}/queue`;

  const joinLatencies: number[] = [];
  const entryIds: string[] = [];
  const joinStart = performance.now();
  await Promise.all(
    attendees.slice(0, joiners).map((attendee, i) =>
      limit(async () => {
        const sent = performance.now();
        let answer = await call(base, "POST", queuePath, { token: attendee.token });
        // A join is idempotent, so a client retries a 503 (as wrangler dev's proxy answers
        // a POST in flight while it reloads the Worker); one retry, counted in the latency.
        if (answer.status === 503) {
          answer = await call(base, "POST", queuePath, { token: attendee.token });
        }
        joinLatencies.push(performance.now() - sent);
        if (answer.status !== 201)
          errors.push(`join ${answer.status} ${JSON.stringify(answer.body)}`);
        entryIds[i] = answer.body?.id;
      }),
    ),
  );
  const joinSeconds = (performance.now() - joinStart) / 1000;

  let passlessBooked = 0;
  await Promise.all(
    attendees.slice(joiners, joiners + ON_SALE_PASSLESS).map((attendee) =>
      limit(async () => {
        const answer = await call(base, "POST", "/api/bookings", {
          token: attendee.token,
          body: { eventId: event.id, attendeeId: attendee.id },
        });
        if (answer.status === 201) passlessBooked++;
        else if (answer.status !== 428) errors.push(`passless booking ${answer.status}`);
      }),
    ),
  );

  // The sale opens in two seconds: the queue hears of it and draws its pre-queue then.
  const opensAt = Date.now() + 2_000;
  await expectCall(200, base, "PATCH", `/api/events/${event.id}`, {
    token: organizerToken,
    body: { salesStartAt: new Date(opensAt).toISOString() },
  });

  let polls = 0;
  const bookedAt: number[] = [];
  const bookingLatencies: number[] = [];
  const client = async (attendee: Attendee, entryId: string | undefined) => {
    if (!entryId) return;
    await sleep(Math.max(0, opensAt - Date.now()) + Math.random() * FIRST_POLL_SPREAD_MS);
    for (;;) {
      const entry = await limit(() =>
        call(base, "GET", `${queuePath}/${entryId}`, { token: attendee.token }),
      );
      polls++;
      if (entry.status !== 200) {
        errors.push(`poll ${entry.status}`);
        return;
      }
      const { status, pass, estimatedWaitSeconds } = entry.body;
      if (status === "expired") {
        errors.push("a pass expired before its holder booked");
        return;
      }
      if (status === "admitted") {
        const booking = await limit(async () => {
          const sent = performance.now();
          const answer = await call(base, "POST", "/api/bookings", {
            token: attendee.token,
            body: { eventId: event.id, attendeeId: attendee.id },
            headers: { "admission-pass": pass },
          });
          bookingLatencies.push(performance.now() - sent);
          return answer;
        });
        if (booking.status === 201) bookedAt.push(Date.now());
        else errors.push(`booking ${booking.status} ${JSON.stringify(booking.body)}`);
        return;
      }
      const wait =
        estimatedWaitSeconds === null ? 2 : Math.min(10, Math.max(1, estimatedWaitSeconds / 2));
      await sleep(jitter(wait * 1000));
    }
  };
  await Promise.all(attendees.slice(0, joiners).map((a, i) => client(a, entryIds[i])));

  const seen = await expectCall<{ bookedCount: number }>(
    200,
    base,
    "GET",
    `/api/events/${event.id}`,
  );
  const queue = await expectCall<{ waiting: number; admitted: number }>(
    200,
    base,
    "GET",
    queuePath,
    {
      token: organizerToken,
    },
  );
  const last = Math.max(...bookedAt);
  return {
    joiners,
    admitPerMinute,
    joinsPerSecond: joiners / joinSeconds,
    joinP50: percentile(joinLatencies, 50),
    joinP99: percentile(joinLatencies, 99),
    polls,
    bookings: bookedAt.length,
    bookingP50: percentile(bookingLatencies, 50),
    bookingP99: percentile(bookingLatencies, 99),
    bookingsPerSecond: bookedAt.length / ((last - opensAt) / 1000 + 1),
    busiestSecond: busiestWindow(bookedAt, 1_000),
    passless: { sent: ON_SALE_PASSLESS, booked: passlessBooked },
    bookedCount: seen.bookedCount,
    queue: { waiting: queue.waiting, admitted: queue.admitted },
    errors,
  };
};

/** What the on-sale must show: the ledger never outran the queue, and nobody booked without a pass. */
export const onSaleViolations = (result: OnSaleResult): string[] => {
  const violations: string[] = [];
  const perSecond = Math.ceil(result.admitPerMinute / 60);
  if (result.passless.booked > 0)
    violations.push(`${result.passless.booked} bookings without a pass`);
  if (result.bookedCount !== result.bookings) {
    violations.push(
      `the event shows ${result.bookedCount} booked seats, the clients made ${result.bookings}`,
    );
  }
  if (result.bookingsPerSecond > perSecond) {
    violations.push(
      `bookings ran at ${result.bookingsPerSecond.toFixed(1)}/s, past the ${perSecond}/s admitted`,
    );
  }
  if (result.bookings !== result.joiners)
    violations.push(`${result.joiners - result.bookings} joiners never booked`);
  return violations;
};

/** `reference`: the floor and health phases of the same run, when they ran, for ratios. */
export const onSaleMarkdown = (r: OnSaleResult, reference: { floor?: number; health?: number }) => {
  const ratios = [
    reference.floor ? `${(r.joinsPerSecond / reference.floor).toFixed(2)} × floor` : null,
    reference.health ? `${(r.joinsPerSecond / reference.health).toFixed(2)} × health` : null,
  ].filter(Boolean);
  return [
    `### On-sale: ${r.joiners} joiners before open, admitted at ${r.admitPerMinute}/min`,
    "",
    "| measure | value |",
    "| --- | --- |",
    `| joins per second (pre-queue) | ${r.joinsPerSecond.toFixed(0)}${ratios.length ? ` (${ratios.join(", ")})` : ""} |`,
    `| join latency p50 / p99 (ms) | ${r.joinP50.toFixed(1)} / ${r.joinP99.toFixed(1)} |`,
    `| polls of entries | ${r.polls} (${(r.polls / r.joiners).toFixed(1)} per joiner) |`,
    `| bookings with a pass | ${r.bookings} |`,
    `| booking latency p50 / p99 (ms) | ${r.bookingP50.toFixed(1)} / ${r.bookingP99.toFixed(1)} |`,
    `| ledger's booking rate, opening to last booking + 1 s (/s) | ${r.bookingsPerSecond.toFixed(1)} (admission rate ${(r.admitPerMinute / 60).toFixed(0)}/s) |`,
    `| most bookings in any one second | ${r.busiestSecond} |`,
    `| bookings sent without a pass / booked | ${r.passless.sent} / ${r.passless.booked} |`,
    `| event's bookedCount after the sale | ${r.bookedCount} |`,
    `| queue after the sale: waiting / admitted | ${r.queue.waiting} / ${r.queue.admitted} |`,
  ].join("\n");
};
