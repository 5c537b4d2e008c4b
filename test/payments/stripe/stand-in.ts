import { env } from "cloudflare:workers";

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What the Stripe stand-in received on `path` for one booking (by its id in the body or key). */
export const stripeRequests = async (path: string, bookingId: string): Promise<Recorded[]> => {
  const all = (await (await fetch("http://standin.test/requests")).json()) as Recorded[];
  return all.filter(
    (request) =>
      request.url === `https://api.stripe.com${path}` &&
      (request.body.includes(encodeURIComponent(bookingId)) ||
        request.headers["idempotency-key"]?.endsWith(bookingId)),
  );
};

/** Reads the stand-in's state as an API client of the test account would. */
export const stripeGet = async (path: string): Promise<any> => {
  const res = await fetch(`https://api.stripe.com${path}`, {
    headers: { Authorization: `Bearer ${env.STRIPE_SECRET_KEY}` },
  });
  return res.json();
};

/** The attendee pays on Stripe's page: answers the completed session, with its PaymentIntent. */
export const payCheckout = async (sessionId: string): Promise<{ payment_intent: string }> => {
  const res = await fetch(`http://standin.test/stripe/checkout/${sessionId}/pay`, {
    method: "POST",
  });
  if (!res.ok) throw new Error(`the stand-in could not pay ${sessionId}: ${res.status}`);
  return res.json();
};
