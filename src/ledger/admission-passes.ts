import { type BookRequest, type LedgerReply, refusal } from "../contracts/ledger";
import type { LedgerEventRow } from "./rows";

/** A pass the booking route has verified: the queue entry it names and its expiry. */
export type VerifiedPass = NonNullable<BookRequest["admissionPass"]>;

/**
 * The passes bookings used. The route checks a pass's signature and expiry without I/O;
 * whether it was used already only the ledger knows, and it records the use in the
 * booking's own transaction, so one pass books once however many requests carry it.
 */
export class AdmissionPasses {
  constructor(private readonly sql: SqlStorage) {}

  /** Null when the booking may go ahead as far as admission goes. */
  refusal(event: LedgerEventRow, pass: VerifiedPass | undefined): LedgerReply<never> | null {
    if (event.queue_enabled !== 1) return null;
    if (!pass) {
      return refusal(
        "admission_required",
        `This event admits bookings through its queue: join it (POST /api/events/${event.id}/queue) and send the pass as Admission-Pass.`,
      );
    }
    const used = this.sql
      .exec("SELECT 1 FROM admission_passes WHERE id = ?", pass.id)
      .toArray().length;
    return used > 0
      ? refusal("admission_expired", "This admission pass was used by a booking already.")
      : null;
  }

  use(pass: VerifiedPass | undefined, bookingId: string, now: string) {
    if (!pass) return;
    this.sql.exec(
      "INSERT INTO admission_passes (id, booking_id, expires_at, used_at) VALUES (?, ?, ?, ?)",
      pass.id,
      bookingId,
      pass.expiresAt,
      now,
    );
  }

  /** A pass past its expiry is refused before the ledger: its record may go. */
  forget(now: number) {
    this.sql.exec("DELETE FROM admission_passes WHERE expires_at < ?", now);
  }
}
