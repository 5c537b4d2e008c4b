import { fieldsOf, pickFields } from "../../../contracts/event";
import type { EventRow } from "../../../db/schema";
import { statusAt } from "../../../domain/event-status";
import { availableSeats } from "../../../domain/rules";
import type { LedgerEventRow } from "../../../ledger/rows";
import { countryName } from "../../../lib/countries";

/** Events as every read answers them; the folded title is for search only. */
export type EventRecord = Omit<EventRow, "titleFolded">;

export const presentEvent = (row: EventRecord) => ({
  id: row.id,
  ...pickFields(row),
  countryName: countryName(row.country),
  bookedCount: row.bookedCount,
  heldSeats: row.heldSeats,
  availableSeats: availableSeats({
    capacity: row.capacity,
    confirmed: row.bookedCount,
    held: row.heldSeats,
    waitlisted: row.waitlistCount,
  }),
  waitlistCount: row.waitlistCount,
  interestCount: row.interestCount,
  status: statusAt(row, new Date()),
  organizerId: row.organizerId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The ledger's row, after a change it decided, in the shape D1 stores; D1 adds what the ledger does not keep. */
export const fromLedger = (
  row: LedgerEventRow,
  stored: Pick<EventRecord, "interestCount">,
): EventRecord => ({
  ...stored,
  ...fieldsOf(row),
  id: row.id,
  organizerId: row.organizer_id,
  bookedCount: row.confirmed,
  heldSeats: row.held,
  waitlistCount: row.waitlisted,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
