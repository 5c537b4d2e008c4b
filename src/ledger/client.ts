import type { LedgerReply } from "../contracts/ledger";
import { Problem, problem } from "../lib/problem";
import type { EventLedger } from "./ledger";

type Ledger = Pick<
  EventLedger,
  | "book"
  | "cancel"
  | "confirm"
  | "releaseAttendee"
  | "updateEvent"
  | "deleteEvent"
  | "adoptEvent"
  | "settlePayment"
  | "settleRefund"
  | "checkIn"
  | "ticketTypes"
  | "unlockedTypes"
  | "createTicketType"
  | "updateTicketType"
  | "deleteTicketType"
  | "promoCodes"
  | "createPromoCode"
  | "deletePromoCode"
  | "fetch"
>;

/**
 * The event's ledger, typed by its class: the generated RPC stub types wrap results
 * in `Disposable` and lose the discriminant of `LedgerReply`.
 */
export const ledgerOf = (env: Env, eventId: string): Ledger =>
  env.EVENT_LEDGER.get(env.EVENT_LEDGER.idFromName(eventId)) as unknown as Ledger;

const flag = (error: unknown, name: "overloaded" | "retryable" | "durableObjectReset") =>
  typeof error === "object" && error !== null && (error as Record<string, unknown>)[name] === true;

/**
 * The runtime marks errors of a saturated object `overloaded`, and those of an object
 * reset mid-call `retryable` or `durableObjectReset`: all are worth a retry, so all answer 503.
 */
export const callLedger = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    const transient = ["overloaded", "retryable", "durableObjectReset"] as const;
    if (!transient.some((name) => flag(error, name))) throw error;
    const detail = flag(error, "overloaded")
      ? "This event is taking more requests than it can serve; retry shortly."
      : "The event's ledger restarted during the request; retry it with the same Idempotency-Key.";
    throw problem("overloaded", detail, { headers: { "Retry-After": "1" } });
  }
};

/** The body of a successful reply; a refusal is thrown as the problem it carries. */
export const unwrap = <T>(reply: LedgerReply<T>): T => {
  if (reply.ok) return reply.body;
  const { code, detail, errors } = reply.body;
  throw new Problem(code, detail, errors ? { errors } : {});
};
