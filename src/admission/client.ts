import { callObject } from "../lib/object-calls";
import type { QueueSettings } from "./entries";
import type { AdmissionQueue } from "./queue";

type Queue = Pick<
  AdmissionQueue,
  "join" | "entry" | "summary" | "configure" | "passUsed" | "fetch"
>;

/** The event's admission queue, typed by its class (as the ledger's stub is). */
export const queueOf = (env: Env, eventId: string): Queue =>
  env.ADMISSION_QUEUE.get(env.ADMISSION_QUEUE.idFromName(eventId)) as unknown as Queue;

/** What the queue needs of its event, from the event as D1 or the ledger shows it. */
export const settingsOf = (event: {
  id: string;
  queueEnabled: boolean;
  admitPerMinute: number;
  salesStartAt: string | null;
}): QueueSettings => ({
  eventId: event.id,
  queueEnabled: event.queueEnabled,
  admitPerMinute: event.admitPerMinute,
  salesStartAt: event.salesStartAt,
});

/** A call to the queue: an overloaded or restarted queue answers 503, worth a retry. */
export const callQueue = <T>(call: () => Promise<T>): Promise<T> =>
  callObject(call, {
    overloaded: "This event's queue is taking more requests than it can serve; retry shortly.",
    reset: "The event's queue restarted during the request; retry it.",
  });
