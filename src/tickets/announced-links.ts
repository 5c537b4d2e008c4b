import { ticketKeys } from "./keys";
import { ticketsUrl } from "./page-key";

/** The announcements that tell an attendee their booking is confirmed, and so link to its tickets. */
const TICKETED_NOTICES = new Set(["booking.confirmed", "booking.promoted"]);

/**
 * The tickets link each confirmed booking's announcement carries, by booking id. Links
 * start with PUBLIC_URL, or the origin the booking was placed through; a booking that
 * knows neither, or a deployment without a ticket key, is announced without one.
 */
export const announcedTicketLinks = async (
  env: { PUBLIC_URL?: string; TICKET_SIGNING_KEY?: string; TICKET_SIGNING_KEYS_OLD?: string },
  eventEndDate: string,
  notices: readonly {
    type: string;
    booking: { id: string; status: string; link_origin: string | null } | null;
  }[],
): Promise<Map<string, string>> => {
  const links = new Map<string, string>();
  const confirmed = notices.flatMap(({ type, booking }) =>
    booking && TICKETED_NOTICES.has(type) && booking.status === "confirmed" ? [booking] : [],
  );
  if (confirmed.length === 0) return links;
  const keys = await ticketKeys(env).catch(() => null);
  if (!keys) return links;
  for (const booking of confirmed) {
    const origin = (env.PUBLIC_URL || booking.link_origin || "").replace(/\/+$/, "");
    if (!origin) continue;
    links.set(booking.id, await ticketsUrl(keys, origin, { id: booking.id, eventEndDate }));
  }
  return links;
};
