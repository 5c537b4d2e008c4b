import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { QueueSettings } from "../../src/admission/entries";
import type { AdmissionQueue } from "../../src/admission/queue";
import { as, bodyOf, settle } from "../client";
import { createEvent, registerOrganizer, unique } from "../helpers";

/** A queued event, open for sale now unless told otherwise. */
export const queuedEvent = async (overrides: Parameters<typeof createEvent>[1] = {}) => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, { queueEnabled: true, ...overrides });
  return { organizer, event };
};

export const join = (eventId: string, attendee: { token: string }) =>
  as(attendee.token).api.events[":id"].queue.$post({ param: { id: eventId } });

export const joined = async (eventId: string, attendee: { token: string }) =>
  bodyOf(await join(eventId, attendee), 201);

export const entryOf = (eventId: string, entryId: string, attendee: { token: string }) =>
  as(attendee.token).api.events[":id"].queue[":entryId"].$get({
    param: { id: eventId, entryId },
  });

/** A booking of one seat with the pass given (or none). */
export const bookWith = (eventId: string, attendee: { id: string; token: string }, pass?: string) =>
  settle(
    as(attendee.token).api.bookings.$post({
      json: { eventId, attendeeId: attendee.id },
      header: pass ? { "admission-pass": pass } : {},
    }),
  );

/** A queue object of its own, driven on a clock the test holds. */
export const controlledQueue = (start: number) => {
  const stub = env.ADMISSION_QUEUE.get(env.ADMISSION_QUEUE.newUniqueId());
  let now = start;
  const run = <T>(work: (queue: AdmissionQueue, state: DurableObjectState) => T | Promise<T>) =>
    runInDurableObject(stub, (queue: AdmissionQueue, state) => {
      queue.clock = () => now;
      return work(queue, state);
    });
  return {
    run,
    at: (time: number) => {
      expect(time).toBeGreaterThanOrEqual(now);
      now = time;
    },
    get now() {
      return now;
    },
    settings: (overrides: Partial<QueueSettings> = {}): QueueSettings => ({
      eventId: unique("event"),
      queueEnabled: true,
      admitPerMinute: 600,
      salesStartAt: null,
      ...overrides,
    }),
  };
};

/** Every entry's admission facts, in join order. */
export const admissions = (state: DurableObjectState) =>
  state.storage.sql
    .exec<{ attendee_id: string; rank: number | null; admitted_at: number | null; status: string }>(
      "SELECT attendee_id, rank, admitted_at, status FROM entries ORDER BY joined_at, rowid",
    )
    .toArray();
