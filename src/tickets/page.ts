import type { TicketStatus } from "../domain/enums";
import { speakerOf } from "../domain/languages";
import { formatDate } from "../lib/dates";
import { escapeHtml } from "../lib/html";
import { numberFormat, regionNames } from "../lib/intl";
import { TICKETS_PAGE_WORDS, type TicketsPageWords } from "./page-words";

export interface PageTicket {
  id: string;
  ticketTypeName: string;
  holderName: string;
  status: TicketStatus;
  checkedInAt: string | null;
  /** The ticket's QR code, as SVG markup made by the QR library from the ticket's JWS. */
  svg: string;
}

export interface TicketsPageInput {
  event: { title: string; startDate: string; endDate: string; country: string };
  /** The attendee's locale: the page speaks their language and formats dates their way. */
  locale: string;
  bookingStatus: string;
  tickets: PageTicket[];
  /** Lets the one inline stylesheet past a policy that allows nothing else. */
  nonce: string;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:12px;background:#f4f4f5;color:#18181b;
  font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
header,.ticket,.note{max-width:440px;margin:0 auto 16px;background:#fff;border-radius:12px;
  padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{margin:0 0 4px;font-size:22px;line-height:1.3;overflow-wrap:anywhere}
.when{margin:0;color:#52525b}
.ticket h2{margin:0;font-size:18px;overflow-wrap:anywhere}
.holder{margin:0 0 12px;color:#52525b;overflow-wrap:anywhere}
.qr{display:block;width:100%;max-width:320px;margin:0 auto;background:#fff}
.qr svg{display:block;width:100%;height:auto}
.state{margin:12px 0 0;padding:8px 12px;border-radius:8px;text-align:center;font-weight:600}
.valid{background:#dcfce7;color:#14532d}
.checked_in{background:#e0e7ff;color:#312e81}
.revoked{background:#fee2e2;color:#7f1d1d}
.revoked-qr{opacity:.15}
.id{margin:8px 0 0;font:12px/1.4 ui-monospace,monospace;color:#71717a;text-align:center;
  overflow-wrap:anywhere}
@media (min-width:900px){header{max-width:1200px}main{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));
  gap:16px;max-width:1200px;margin:0 auto}main .ticket{margin:0;max-width:none}}
`;

interface Speaker {
  words: TicketsPageWords;
  locale: string;
  number: (n: number) => string;
}

const ticketCard = (ticket: PageTicket, index: number, count: number, speaker: Speaker) => {
  const { words, locale, number } = speaker;
  const state =
    ticket.status === "checked_in" && ticket.checkedInAt
      ? words.checkedInAt(formatDate(ticket.checkedInAt, locale))
      : words.states[ticket.status];
  const qrClass = ticket.status === "revoked" ? "qr revoked-qr" : "qr";
  const label = words.ticketOf(number(index + 1), number(count));
  return `<section class="ticket" aria-label="${escapeHtml(label)}">
<h2>${escapeHtml(ticket.ticketTypeName)} · ${number(index + 1)}/${number(count)}</h2>
<p class="holder">${escapeHtml(ticket.holderName)}</p>
<div class="${qrClass}">${ticket.svg}</div>
<p class="state ${ticket.status}">${escapeHtml(state)}</p>
<p class="id">${escapeHtml(ticket.id)}</p>
</section>`;
};

/** The country's name in the page's language, or its code when the runtime knows none. */
const countryIn = (code: string, language: string) => {
  try {
    return regionNames(language, "code").of(code) ?? code;
  } catch {
    return code;
  }
};

/** The attendee's tickets, one QR code each, readable on a phone; no script, no external file. */
export const ticketsPage = (input: TicketsPageInput) => {
  const { event, bookingStatus, tickets, nonce } = input;
  const { language, locale } = speakerOf(input.locale);
  const words = TICKETS_PAGE_WORDS[language];
  const numbers = numberFormat(locale);
  const speaker: Speaker = { words, locale, number: (n) => numbers.format(n) };
  const title = escapeHtml(event.title);
  const where = countryIn(event.country, language);
  const when = `${escapeHtml(formatDate(event.startDate, locale))} · ${escapeHtml(where)}`;
  const none =
    bookingStatus === "pending" || bookingStatus === "waitlisted"
      ? words[bookingStatus]
      : words.none;
  const body =
    tickets.length > 0
      ? `<main>${tickets.map((t, i) => ticketCard(t, i, tickets.length, speaker)).join("\n")}</main>`
      : `<p class="note">${escapeHtml(none)}</p>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(words.tickets)} · ${title}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><h1>${title}</h1><p class="when">${when}</p></header>
${body}
</body>
</html>`;
};
