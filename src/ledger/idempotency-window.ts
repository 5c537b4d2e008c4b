import { DAY_MS } from "../lib/time";

/**
 * An Idempotency-Key on POST /api/bookings is honoured in two steps, both for this long:
 *
 * 1. The Worker claims the key in D1 for (caller, body, event) before any ledger sees
 *    it (`routes/bookings/idempotency.ts`), so a key reused for another body, even for
 *    another event, is refused at once.
 * 2. The event's ledger records the answer in the booking's own transaction
 *    (`ledger-idempotency.ts`) and replays it to every retry; a success stays "in
 *    progress" until D1 holds the booking.
 *
 * The ledger's alarm expires both records once they are older than this.
 */
export const IDEMPOTENCY_TTL_MS = DAY_MS;
