import type { TicketStatus } from "../domain/tickets";
import { formatDate } from "../lib/dates";
import { escapeHtml } from "../lib/html";

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
  event: { title: string; startDate: string; endDate: string; countryName: string };
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

const STATE_TEXT: Record<TicketStatus, string> = {
  valid: "Valid: show this code at the door",
  checked_in: "Checked in",
  revoked: "Revoked: this ticket no longer admits",
};

const ticketCard = (ticket: PageTicket, index: number, count: number) => {
  const state =
    ticket.status === "checked_in" && ticket.checkedInAt
      ? `Checked in ${escapeHtml(formatDate(ticket.checkedInAt, "en"))}`
      : STATE_TEXT[ticket.status];
  const qrClass = ticket.status === "revoked" ? "qr revoked-qr" : "qr";
  return `<section class="ticket" aria-label="Ticket ${index + 1} of ${count}">
<h2>${escapeHtml(ticket.ticketTypeName)} · ${index + 1}/${count}</h2>
<p class="holder">${escapeHtml(ticket.holderName)}</p>
<div class="${qrClass}">${ticket.svg}</div>
<p class="state ${ticket.status}">${state}</p>
<p class="id">${escapeHtml(ticket.id)}</p>
</section>`;
};

const NO_TICKETS: Record<string, string> = {
  pending: "This booking is not confirmed yet: its tickets appear here once it is.",
  waitlisted: "This booking is on the waitlist: its tickets appear here once it is confirmed.",
};

/** The attendee's tickets, one QR code each, readable on a phone; no script, no external file. */
export const ticketsPage = ({ event, bookingStatus, tickets, nonce }: TicketsPageInput) => {
  const title = escapeHtml(event.title);
  const when = `${escapeHtml(formatDate(event.startDate, "en"))} · ${escapeHtml(event.countryName)}`;
  const body =
    tickets.length > 0
      ? `<main>${tickets.map((t, i) => ticketCard(t, i, tickets.length)).join("\n")}</main>`
      : `<p class="note">${escapeHtml(NO_TICKETS[bookingStatus] ?? "This booking has no tickets.")}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Tickets · ${title}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><h1>${title}</h1><p class="when">${when}</p></header>
${body}
</body>
</html>`;
};
