import { fromBase64Url, toBase64Url } from "../lib/encoding";
import type { TicketKeys } from "./keys";

const DAY_MS = 86_400_000;
/** A tickets link outlives its event by this long: the page is still there the morning after. */
const LINK_TAIL_MS = 30 * DAY_MS;

const encoder = new TextEncoder();
const message = (bookingId: string, expires: number) =>
  encoder.encode(`tickets:${bookingId}:${expires}`);

/** When a link to the booking's tickets stops opening them: 30 days after its event ends. */
export const linkExpiry = (eventEndDate: string): number =>
  Math.floor((Date.parse(eventEndDate) + LINK_TAIL_MS) / 1000);

/**
 * The `key` of a tickets link: its expiry (Unix seconds, base 36) and an Ed25519
 * signature over the booking id and that expiry. The same booking and expiry give the
 * same key, so the link sent by email and the one read from the API agree.
 */
export const signPageKey = async (
  keys: TicketKeys,
  bookingId: string,
  expires: number,
): Promise<string> => {
  const signature = await crypto.subtle.sign(
    "Ed25519",
    keys.signing.key,
    message(bookingId, expires),
  );
  return `${expires.toString(36)}.${toBase64Url(new Uint8Array(signature))}`;
};

export type PageKeyCheck = "valid" | "expired" | "invalid";

/** Any key of the set verifies: a link signed before a rotation keeps opening its page. */
export const checkPageKey = async (
  keys: TicketKeys,
  bookingId: string,
  key: string,
  now = Date.now(),
): Promise<PageKeyCheck> => {
  const match = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{86})$/.exec(key);
  const signature = match?.[2] ? fromBase64Url(match[2]) : null;
  if (!match?.[1] || !signature) return "invalid";
  const expires = Number.parseInt(match[1], 36);
  for (const candidate of keys.verifying.values()) {
    const ok = await crypto.subtle.verify(
      "Ed25519",
      candidate,
      signature,
      message(bookingId, expires),
    );
    if (ok) return expires * 1000 > now ? "valid" : "expired";
  }
  return "invalid";
};

/** The tickets page of a booking: where `booking.confirmed` and the booking's reads send its attendee. */
export const ticketsUrl = async (
  keys: TicketKeys,
  origin: string,
  booking: { id: string; eventEndDate: string },
): Promise<string> => {
  const key = await signPageKey(keys, booking.id, linkExpiry(booking.eventEndDate));
  return `${origin}/tickets/${encodeURIComponent(booking.id)}?key=${key}`;
};
