import { exports } from "cloudflare:workers";
import { anyone, as, bodyOf } from "../client";
import { BASE, createEvent, postAttendee, registerOrganizer, unique } from "../helpers";
import { withLink } from "../payments/helpers";

export const registerAttendeeIn = async (locale: string, name = "Zoë Lambert") => {
  const email = `${unique("att")}@example.com`;
  const { attendee, token } = await bodyOf(await postAttendee({ name, email, locale }), 201);
  return { ...attendee, token };
};

/** The session its checkout link names, once the ledger has opened the checkout. */
const sessionOf = async (booking: { id: string }, token: string) => {
  const withCheckout = await withLink(booking.id, token);
  const url = withCheckout.payment.checkoutUrl;
  return url.slice(url.lastIndexOf("/") + 1);
};

interface PaidBookingOptions {
  title?: string;
  attendeeName?: string;
  locale?: string;
  price?: number;
  currency?: string;
  seats?: number;
  capacity?: number;
}

/** An attendee's pending booking of a paid event, and the session its checkout page is under. */
export const paidBooking = async (options: PaidBookingOptions = {}) => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, {
    title: options.title ?? unique("Paid gala"),
    capacity: options.capacity ?? 50,
    price: options.price ?? 2500,
    currency: options.currency ?? "EUR",
    holdMinutes: 30,
  });
  const attendee = await registerAttendeeIn(options.locale ?? "en", options.attendeeName);
  const res = await as(attendee.token).api.bookings.$post({
    json: { eventId: event.id, attendeeId: attendee.id, seats: options.seats ?? 2 },
    header: {},
  });
  const booking = await bodyOf(res, 201);
  const sessionId = await sessionOf(booking, attendee.token);
  return { organizer, event, attendee, booking, sessionId };
};

/** The sandbox's checkout page of a session. */
export const sandboxPage = (sessionId: string) =>
  anyone.sandbox.checkout[":sessionId"].$get({ param: { sessionId } });

/** The page a checkout returns the attendee to. */
export const returnPage = (sessionId: string) =>
  anyone.payments.return.$get({ query: { session_id: sessionId } });

/** The booking as its attendee reads it through the API. */
export const bookingNow = async (id: string, token: string) =>
  bodyOf(await as(token).api.bookings[":id"].$get({ param: { id } }), 200);

/**
 * A browser's form post (form-encoded, no JSON anywhere), its redirect not followed so
 * the 303 itself is seen.
 */
export const formPost = async (path: string, body = "") => {
  const res = await exports.default.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    }),
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
};
