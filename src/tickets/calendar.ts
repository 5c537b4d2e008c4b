/** What a booking's calendar entry says. */
export interface CalendarEntry {
  /** Stable across downloads, so a calendar updates its entry instead of adding another. */
  uid: string;
  /** When the entry was last changed: the booking's last change. */
  stamp: string;
  start: string;
  end: string;
  summary: string;
  description: string | null;
  location: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  url: string | null;
}

const encoder = new TextEncoder();

/** A UTC date-time in iCalendar's basic form: 20300501T100000Z. */
export const icsDateTime = (iso: string): string =>
  `${new Date(iso).toISOString().slice(0, 19).replaceAll("-", "").replaceAll(":", "")}Z`;

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
export const escapeText = (value: string): string =>
  value
    .replaceAll("\\", "\\\\")
    .replaceAll(";", "\\;")
    .replaceAll(",", "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");

/**
 * A content line folded at 75 octets (RFC 5545 §3.1): each continuation starts with a
 * space, and no UTF-8 sequence is split between two lines.
 */
export const foldLine = (line: string): string => {
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    // The first line holds 75 octets; the others 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
};

/** One VEVENT in one VCALENDAR, lines ended by CRLF. */
export const calendarOf = (entry: CalendarEntry): string => {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Event Booking API//Tickets//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${entry.uid}`,
    `DTSTAMP:${icsDateTime(entry.stamp)}`,
    `DTSTART:${icsDateTime(entry.start)}`,
    `DTEND:${icsDateTime(entry.end)}`,
    `SUMMARY:${escapeText(entry.summary)}`,
    ...(entry.description ? [`DESCRIPTION:${escapeText(entry.description)}`] : []),
    `LOCATION:${escapeText(entry.location)}`,
    `STATUS:${entry.status}`,
    ...(entry.url ? [`URL:${entry.url}`] : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
};
