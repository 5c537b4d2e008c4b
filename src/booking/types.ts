import type { ProblemBody } from "../lib/problem";

export interface BookingView {
  id: string;
  eventId: string;
  attendeeId: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  waitlistPosition: number | null;
  event: { id: string; title: string };
  attendee: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

export interface CancellationView {
  message: "Booking cancelled";
  booking: BookingView;
  promoted: BookingView | null;
}

/** What a ledger call answers: an HTTP status with its body, ready to send (and to replay). */
export type LedgerReply<T> =
  | { ok: true; status: 200 | 201; body: T; replayed?: boolean }
  | { ok: false; status: number; body: ProblemBody; replayed?: boolean };

export interface BookRequest {
  eventId: string;
  attendeeId: string;
  attendeeName: string;
  /** Who is asking, e.g. `attendee:<id>`: idempotency keys are scoped to it. */
  scope: string;
  idempotency?: { key: string; requestHash: string };
}

export interface EventChanges {
  title?: string;
  description?: string | null;
  country?: string;
  startDate?: string;
  endDate?: string;
  capacity?: number;
  waitlistEnabled?: boolean;
  status?: "scheduled" | "ongoing" | "completed" | "cancelled";
}
