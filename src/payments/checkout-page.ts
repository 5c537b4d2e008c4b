import type { Checkout } from "../db/checkouts";
import { speakerOf } from "../domain/languages";
import { formatAmount } from "../domain/money";
import { formatDate } from "../lib/dates";
import { escapeHtml } from "../lib/html";
import { numberFormat } from "../lib/intl";
import { type CheckoutState, checkoutStateOf } from "./checkout-state";
import { CHECKOUT_STYLE } from "./checkout-style";
import { CHECKOUT_WORDS, type CheckoutWords } from "./checkout-words";

export interface CheckoutPageInput {
  checkout: Checkout;
  sessionId: string;
  /** The sandbox's page offers Pay and Decline; the return page only reports. */
  mode: "sandbox" | "return";
  now: number;
  /** Lets the one inline stylesheet past a policy that allows nothing else. */
  nonce: string;
}

const minutesLeft = (expiresAt: string, now: number) =>
  Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 60_000));

const row = (term: string, value: string, className = "") =>
  `<dt>${term}</dt><dd${className && ` class="${className}"`}>${value}</dd>`;

const OUTCOME_TONE: Record<Exclude<CheckoutState, "awaiting">, string> = {
  paid: "ok",
  declined: "bad",
  expired: "bad",
  refunded: "bad",
  cancelled: "bad",
};

const details = (
  { checkout, now }: CheckoutPageInput,
  state: CheckoutState,
  locale: string,
  words: CheckoutWords,
) => {
  const amount =
    checkout.amount === null || !checkout.currency
      ? ""
      : formatAmount(checkout.amount, checkout.currency, locale);
  const number = numberFormat(locale);
  // One row per ticket type: how many seats, at what price each after any discount.
  const lines = (checkout.items ?? []).map((item) => {
    const each = checkout.currency
      ? ` × ${formatAmount(item.amount / item.quantity, checkout.currency, locale)}`
      : "";
    return row(escapeHtml(item.name), escapeHtml(`${number.format(item.quantity)}${each}`), "line");
  });
  const rows = [
    row(words.when, escapeHtml(formatDate(checkout.startDate, locale))),
    row(words.attendee, escapeHtml(checkout.attendeeName)),
    ...lines,
    row(words.seats, escapeHtml(number.format(checkout.seats))),
    row(words.amount, escapeHtml(amount), "amount"),
  ];
  if (state === "awaiting" && checkout.expiresAt) {
    const left = number.format(minutesLeft(checkout.expiresAt, now));
    const until = escapeHtml(formatDate(checkout.expiresAt, locale));
    rows.push(row(words.heldUntil, `${until} (${escapeHtml(words.minutesLeft(left))})`));
  }
  return `<dl>${rows.join("")}</dl>`;
};

const actions = (sessionId: string, words: CheckoutWords) => {
  const base = `/sandbox/checkout/${encodeURIComponent(sessionId)}`;
  return [
    '<div class="actions">',
    `<form method="post" action="${escapeHtml(`${base}/pay`)}"><button class="pay" type="submit">${escapeHtml(words.pay)}</button></form>`,
    `<form method="post" action="${escapeHtml(`${base}/decline`)}"><button type="submit">${escapeHtml(words.decline)}</button></form>`,
    "</div>",
  ].join("\n");
};

const statusOf = (input: CheckoutPageInput, state: CheckoutState, words: CheckoutWords) => {
  if (state !== "awaiting") {
    const text = escapeHtml(words.outcomes[state]);
    return `<p class="status ${OUTCOME_TONE[state]}" role="status">${text}</p>`;
  }
  const text = `<p class="status" role="status">${escapeHtml(words.awaiting[input.mode])}</p>`;
  return input.mode === "sandbox" ? `${text}\n${actions(input.sessionId, words)}` : text;
};

/** The whole page: the booking as the attendee will pay for it, and what became of it. */
export const checkoutPage = (input: CheckoutPageInput): string => {
  const { checkout, mode, nonce } = input;
  const state = checkoutStateOf(checkout, input.now);
  // The attendee's language for the words, their locale for numbers and dates.
  const { language, locale } = speakerOf(checkout.locale);
  const words = CHECKOUT_WORDS[language];
  // Stripe's report may trail its redirect: the return page looks again until it arrives.
  const refresh = mode === "return" && state === "awaiting";
  const title = escapeHtml(checkout.eventTitle);
  return [
    "<!doctype html>",
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    refresh ? '<meta http-equiv="refresh" content="5">' : "",
    `<title>${escapeHtml(mode === "sandbox" ? words.checkout : words.yourPayment)}: ${title}</title>`,
    `<style nonce="${escapeHtml(nonce)}">${CHECKOUT_STYLE}</style></head>`,
    "<body>",
    mode === "sandbox" ? `<p class="banner">${escapeHtml(words.sandboxBanner)}</p>` : "",
    "<main>",
    `<p class="kicker">${escapeHtml(mode === "sandbox" ? words.checkout : words.yourPayment)}</p>`,
    `<h1>${title}</h1>`,
    details(input, state, locale, words),
    statusOf(input, state, words),
    "</main>",
    "</body>",
    "</html>",
  ]
    .filter(Boolean)
    .join("\n");
};
