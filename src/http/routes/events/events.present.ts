import type { EventRow } from "../../../db/schema";
import { statusAt } from "../../../domain/event-status";
import { availableSeats } from "../../../domain/rules";
import type { LedgerEventRow } from "../../../ledger/rows";
import { countryName } from "../../../lib/countries";

/** Events as every read answers them; the folded title is for search only. */
export type EventRecord = Omit<EventRow, "titleFolded">;

export const presentEvent = (row: EventRecord) => ({
  id: row.id,
  title: row.title,
  description: row.description,
  country: row.country,
  countryName: countryName(row.country),
  startDate: row.startDate,
  endDate: row.endDate,
  capacity: row.capacity,
  bookedCount: row.bookedCount,
  heldSeats: row.heldSeats,
  availableSeats: availableSeats({
    capacity: row.capacity,
    confirmed: row.bookedCount,
    held: row.heldSeats,
    waitlisted: row.waitlistCount,
  }),
  waitlistEnabled: row.waitlistEnabled,
  waitlistCount: row.waitlistCount,
  maxSeatsPerBooking: row.maxSeatsPerBooking,
  holdMinutes: row.holdMinutes,
  price: row.price,
  currency: row.currency,
  salesStartAt: row.salesStartAt,
  salesEndAt: row.salesEndAt,
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
  salesStartAt: row.sales_start_at,
  salesEndAt: row.sales_end_at,
  id: row.id,
  organizerId: row.organizer_id,
  title: row.title,
  description: row.description,
  country: row.country,
  startDate: row.start_date,
  endDate: row.end_date,
  capacity: row.capacity,
  waitlistEnabled: row.waitlist_enabled === 1,
  status: row.status,
  bookedCount: row.confirmed,
  heldSeats: row.held,
  waitlistCount: row.waitlisted,
  maxSeatsPerBooking: row.max_seats_per_booking,
  holdMinutes: row.hold_minutes,
  price: row.price,
  currency: row.currency,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
