import { env, exports } from "cloudflare:workers";
import { api, BASE, createEvent, registerOrganizer, unique } from "../helpers";

export const registerAttendeeIn = async (locale: string, name = "Zoë Lambert") => {
  const email = `${unique("att")}@example.com`;
  const res = await api("POST", "/api/attendees", { body: { name, email, locale } });
  if (res.status !== 201) throw new Error(`attendee registration failed: ${res.status}`);
  return { ...res.body.attendee, token: res.body.token as string };
};

type Booked = { id: string; seats: number; payment: { checkoutUrl: string | null } | null };

/**
 * The session id the booking's checkout link names. A booking whose ledger has not
 * opened a checkout gets one in D1, held for 30 minutes, as the ledger's copy records it.
 */
const sessionOf = async (booking: Booked, price: number, currency: string) => {
  const url = booking.payment?.checkoutUrl;
  if (url) return url.slice(url.lastIndexOf("/") + 1);
  const sessionId = `cs_sandbox_${crypto.randomUUID().replaceAll("-", "")}`;
  await env.DB.prepare(
    `UPDATE bookings SET status = 'pending', expires_at = ?, amount = ?, currency = ?,
       payment_status = 'requires_payment', payment_session_id = ?, checkout_url = ? WHERE id = ?`,
  )
    .bind(
      new Date(Date.now() + 30 * 60_000).toISOString(),
      price * booking.seats,
      currency,
      sessionId,
      `http://api.test/sandbox/checkout/${sessionId}`,
      booking.id,
    )
    .run();
  return sessionId;
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
  const price = options.price ?? 2500;
  const currency = options.currency ?? "EUR";
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, {
    title: options.title ?? unique("Paid gala"),
    capacity: options.capacity ?? 50,
    price,
    currency,
    holdMinutes: 30,
  });
  const attendee = await registerAttendeeIn(options.locale ?? "en", options.attendeeName);
  const res = await api("POST", "/api/bookings", {
    token: attendee.token,
    body: { eventId: event.id, attendeeId: attendee.id, seats: options.seats ?? 2 },
  });
  if (res.status !== 201)
    throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  const sessionId = await sessionOf(res.body, price, currency);
  return { organizer, event, attendee, booking: res.body, sessionId };
};

/** The booking as its attendee reads it through the API. */
export const bookingNow = async (id: string, token: string) =>
  (await api("GET", `/api/bookings/${id}`, { token })).body;

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
