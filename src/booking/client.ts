import { Problem, problem } from "../lib/problem";
import type { EventLedger } from "./ledger";
import type { LedgerReply } from "./types";

type Ledger = Pick<
  EventLedger,
  "book" | "cancel" | "releaseAttendee" | "updateEvent" | "deleteEvent"
>;

/**
 * The event's ledger, typed by its class: the generated RPC stub types wrap results
 * in `Disposable` and lose the discriminant of `LedgerReply`.
 */
export const ledgerOf = (env: Env, eventId: string): Ledger =>
  env.EVENT_LEDGER.get(env.EVENT_LEDGER.idFromName(eventId)) as unknown as Ledger;

const isOverloaded = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  (error as { overloaded?: unknown }).overloaded === true;

/** The runtime refuses work when one event's object is saturated: say so, and when to retry. */
export const callLedger = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (!isOverloaded(error)) throw error;
    throw problem(
      "overloaded",
      "This event is taking more requests than it can serve; retry shortly.",
      {
        headers: { "Retry-After": "1" },
      },
    );
  }
};

/** The body of a successful reply; a refusal is thrown as the problem it carries. */
export const unwrap = <T>(reply: LedgerReply<T>): T => {
  if (reply.ok) return reply.body;
  const { code, detail, errors } = reply.body;
  throw new Problem(code, detail, errors ? { errors } : {});
};
