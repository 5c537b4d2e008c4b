import { presentTicketType } from "../../../contracts/catalog";
import { fieldsOf, pickFields } from "../../../contracts/event";
import type { EventRow } from "../../../db/schema";
import { inListingOrder, type TicketTypeRecord } from "../../../domain/catalog";
import { statusAt } from "../../../domain/event-status";
import { availableSeats } from "../../../domain/rules";
import type { LedgerEventRow } from "../../../ledger/rows";
import { countryName } from "../../../lib/countries";

/** Events as every read answers them; the folded title is for search only. */
export type EventRecord = Omit<EventRow, "titleFolded">;

/** The types everyone sees, and the lowest price among them. */
const catalogOf = (row: EventRecord, free: number) => {
  // Every row has its types: new events are created with one, and D1's migration 0011
  // gave older rows theirs.
  const visible = inListingOrder((row.ticketTypes ?? []).filter((t) => !t.hidden));
  return {
    ticketTypes: visible.map((t) =>
      presentTicketType(t, {
        id: row.id,
        currency: row.currency,
        free,
        maxSeatsPerBooking: row.maxSeatsPerBooking,
      }),
    ),
    priceFrom: visible.length > 0 ? Math.min(...visible.map((t) => t.price)) : row.price,
  };
};

export const presentEvent = (row: EventRecord) => {
  const free = availableSeats({
    capacity: row.capacity,
    confirmed: row.bookedCount,
    held: row.heldSeats,
    waitlisted: row.waitlistCount,
  });
  return {
    id: row.id,
    ...pickFields(row),
    countryName: countryName(row.country),
    bookedCount: row.bookedCount,
    heldSeats: row.heldSeats,
    availableSeats: free,
    waitlistCount: row.waitlistCount,
    interestCount: row.interestCount,
    status: statusAt(row, new Date()),
    organizerId: row.organizerId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...catalogOf(row, free),
  };
};

/** The ledger's row, after a change it decided, in the shape D1 stores; D1 adds what the ledger does not keep. */
export const fromLedger = (
  row: LedgerEventRow,
  types: TicketTypeRecord[],
  stored: Pick<EventRecord, "interestCount">,
): EventRecord => ({
  ...stored,
  ticketTypes: types,
  ...fieldsOf(row),
  id: row.id,
  organizerId: row.organizer_id,
  bookedCount: row.confirmed,
  heldSeats: row.held,
  waitlistCount: row.waitlisted,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
