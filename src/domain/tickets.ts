export const TICKET_STATUSES = ["valid", "checked_in", "revoked"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** What a scanner is told about one scan: an answer, never an error. */
export const SCAN_RESULTS = [
  "ok",
  "already_checked_in",
  "revoked",
  "invalid",
  "wrong_event",
] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];
