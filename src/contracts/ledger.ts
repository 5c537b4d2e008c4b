import type { Line } from "../domain/catalog";
import type { BookedBy } from "../domain/enums";
import { type FieldError, type ProblemBody, type ProblemCode, problem } from "../lib/problem";

/** What a ledger call answers: an HTTP status with its body, ready to send (and to replay). */
export type LedgerReply<T> =
  | { ok: true; status: 200 | 201; body: T; replayed?: boolean }
  | { ok: false; status: number; body: ProblemBody; replayed?: boolean };

/** A ledger's refusal, as the problem the Worker will send. */
export const refusal = (code: ProblemCode, detail: string, errors?: FieldError[]) => {
  const p = problem(code, detail, errors ? { errors } : {});
  return { ok: false as const, status: p.status, body: p.toJSON() };
};

export interface BookRequest {
  eventId: string;
  attendeeId: string;
  /**
   * The attendee's name, as the route found them in D1; null when the route checked a
   * signed token alone: the ledger's D1 copy then lands the booking only if the attendee
   * still exists, and brings back their name.
   */
  attendeeName: string | null;
  /** All of them or none: of the event's first visible type, when `items` is left out. */
  seats: number;
  /** The order's lines, each a ticket type and its quantity; all of them or none. */
  items?: Line[];
  /** A code of the event: a discount, hidden types unlocked. */
  promoCode?: string;
  /** Hold the seats until the hold expires instead of confirming them. */
  hold: boolean;
  /** Where the caller reached this API: a paid booking's links start with it. */
  origin: string;
  /** Who is asking, e.g. `attendee:<id>`: idempotency keys are scoped to it. */
  scope: string;
  /** The attendee themselves, or the event's organizer for them. */
  bookedBy: BookedBy;
  idempotency?: { key: string; requestHash: string };
  /** The admission pass the route verified, when the request carried one. */
  admissionPass?: { id: string; expiresAt: number };
}

/** An organizer's edit of the event, as validated at the API. */
export type { EventChanges } from "./event";
