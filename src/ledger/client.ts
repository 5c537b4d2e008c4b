import type { LedgerReply } from "../contracts/ledger";
import { callObject } from "../lib/object-calls";
import { Problem } from "../lib/problem";
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

/** A call to the event's ledger: an overloaded or restarted ledger answers 503. */
export const callLedger = <T>(call: () => Promise<T>): Promise<T> =>
  callObject(call, {
    overloaded: "This event is taking more requests than it can serve; retry shortly.",
    reset:
      "The event's ledger restarted during the request; retry it with the same Idempotency-Key.",
  });

/** The body of a successful reply; a refusal is thrown as the problem it carries. */
export const unwrap = <T>(reply: LedgerReply<T>): T => {
  if (reply.ok) return reply.body;
  const { code, detail, errors } = reply.body;
  const retry = code === "overloaded" ? { headers: { "Retry-After": "1" } } : {};
  throw new Problem(code, detail, { ...retry, ...(errors ? { errors } : {}) });
};
