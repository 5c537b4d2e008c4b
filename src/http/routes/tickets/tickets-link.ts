import { publicOrigin } from "../../../lib/links";
import { ticketKeys } from "../../../tickets/keys";
import { ticketsUrl } from "../../../tickets/page-key";

/**
 * The link to a confirmed booking's tickets page, for its attendee. Reading a booking never
 * fails for want of a ticket key: without one the booking is shown without its link.
 */
export const attendeeTicketsUrl = async (
  env: Env,
  requestUrl: string,
  booking: { id: string; status: string; eventEndDate: string },
): Promise<string | undefined> => {
  if (booking.status !== "confirmed") return undefined;
  const keys = await ticketKeys(env).catch(() => null);
  if (!keys) return undefined;
  return ticketsUrl(keys, publicOrigin(env, requestUrl), booking);
};
