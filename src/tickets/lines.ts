import { FIRST_TYPE_NAME, GENERAL_TYPE_ID } from "../domain/catalog";

/** One line of a booking as tickets see it: a ticket type and how many seats of it. */
export interface TicketLine {
  ticketTypeId: string;
  name: string;
  quantity: number;
}

/**
 * The type a booking without lines admits to: every seat of the event, one price, the
 * first type of events sold before ticket types. Its id is fixed, so tickets of such
 * bookings verify the same way on every scanner.
 */
export const GENERAL_ADMISSION = { ticketTypeId: GENERAL_TYPE_ID, name: FIRST_TYPE_NAME } as const;

/**
 * The ticket lines of a booking: its `items` when it has them (a booking of several ticket
 * types), otherwise one line for all its seats, of general admission. Lines keep their
 * order, so ticket positions are stable.
 */
export const ticketLinesOf = (booking: {
  seats: number;
  items?: readonly { ticketTypeId: string; name: string; quantity: number }[] | null;
}): TicketLine[] => {
  const items = booking.items?.filter((item) => item.quantity > 0) ?? [];
  if (items.length > 0) {
    return items.map(({ ticketTypeId, name, quantity }) => ({ ticketTypeId, name, quantity }));
  }
  return [{ ...GENERAL_ADMISSION, quantity: booking.seats }];
};
