import type { Checkout } from "../db/checkouts";
import { formatAmount } from "../domain/money";
import { formatDate } from "../lib/dates";
import { escapeHtml } from "../lib/html";
import { type CheckoutState, checkoutStateOf } from "./checkout-state";
import { CHECKOUT_STYLE } from "./checkout-style";

export interface CheckoutPageInput {
  checkout: Checkout;
  sessionId: string;
  /** The sandbox's page offers Pay and Decline; the return page only reports. */
  mode: "sandbox" | "return";
  now: number;
  /** Lets the one inline stylesheet past a policy that allows nothing else. */
  nonce: string;
}

const OUTCOMES: Record<Exclude<CheckoutState, "awaiting">, [tone: string, text: string]> = {
  paid: ["ok", "Payment received: your booking is confirmed."],
  declined: [
    "bad",
    "The payment was declined, so the booking was released and its seats went back on sale.",
  ],
  expired: [
    "bad",
    "The hold expired before the payment arrived, so the seats were released. You can book again while seats remain.",
  ],
  refunded: ["bad", "The payment was refunded and the booking is cancelled."],
  cancelled: ["bad", "This booking was cancelled; nothing is due."],
};

const AWAITING = {
  sandbox: "Pay before the hold ends to confirm your booking.",
  return:
    "We have not heard that your payment went through yet. If you have just paid, the confirmation can take a few moments to arrive: this page checks again every few seconds.",
};

/** A locale the attendee chose, or English when the runtime cannot format in it. */
const usableLocale = (locale: string): string => {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? "en";
  } catch {
    return "en";
  }
};

const minutesLeft = (expiresAt: string, now: number) =>
  Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 60_000));

const row = (term: string, value: string, className = "") =>
  `<dt>${term}</dt><dd${className && ` class="${className}"`}>${value}</dd>`;

const details = ({ checkout, now }: CheckoutPageInput, state: CheckoutState, locale: string) => {
  const amount =
    checkout.amount === null || !checkout.currency
      ? ""
      : formatAmount(checkout.amount, checkout.currency, locale);
  const rows = [
    row("When", escapeHtml(formatDate(checkout.startDate, locale))),
    row("Attendee", escapeHtml(checkout.attendeeName)),
    row("Seats", escapeHtml(new Intl.NumberFormat(locale).format(checkout.seats))),
    row("Amount", escapeHtml(amount), "amount"),
  ];
  if (state === "awaiting" && checkout.expiresAt) {
    const left = minutesLeft(checkout.expiresAt, now);
    const until = escapeHtml(formatDate(checkout.expiresAt, locale));
    rows.push(row("Held until", `${until} (${left} min left)`));
  }
  return `<dl>${rows.join("")}</dl>`;
};

const actions = (sessionId: string) => {
  const base = `/sandbox/checkout/${encodeURIComponent(sessionId)}`;
  return [
    '<div class="actions">',
    `<form method="post" action="${escapeHtml(`${base}/pay`)}"><button class="pay" type="submit">Pay</button></form>`,
    `<form method="post" action="${escapeHtml(`${base}/decline`)}"><button type="submit">Decline</button></form>`,
    "</div>",
  ].join("\n");
};

const statusOf = (input: CheckoutPageInput, state: CheckoutState) => {
  if (state !== "awaiting") {
    const [tone, text] = OUTCOMES[state];
    return `<p class="status ${tone}" role="status">${text}</p>`;
  }
  const text = `<p class="status" role="status">${AWAITING[input.mode]}</p>`;
  return input.mode === "sandbox" ? `${text}\n${actions(input.sessionId)}` : text;
};

/** The whole page: the booking as the attendee will pay for it, and what became of it. */
export const checkoutPage = (input: CheckoutPageInput): string => {
  const { checkout, mode, nonce } = input;
  const state = checkoutStateOf(checkout, input.now);
  const locale = usableLocale(checkout.locale);
  // Stripe's report may trail its redirect: the return page looks again until it arrives.
  const refresh = mode === "return" && state === "awaiting";
  const title = escapeHtml(checkout.eventTitle);
  return [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    refresh ? '<meta http-equiv="refresh" content="5">' : "",
    `<title>${mode === "sandbox" ? "Checkout" : "Payment"}: ${title}</title>`,
    `<style nonce="${escapeHtml(nonce)}">${CHECKOUT_STYLE}</style></head>`,
    "<body>",
    mode === "sandbox" ? '<p class="banner">Sandbox — no real money moves</p>' : "",
    "<main>",
    `<p class="kicker">${mode === "sandbox" ? "Checkout" : "Your payment"}</p>`,
    `<h1>${title}</h1>`,
    details(input, state, locale),
    statusOf(input, state),
    "</main>",
    "</body>",
    "</html>",
  ]
    .filter(Boolean)
    .join("\n");
};
