import type { TicketStatus } from "../domain/enums";

/** A ticket as the ledger knows it when a scan reaches it. */
export interface TicketAtDoor {
  status: TicketStatus;
  /** ISO 8601 UTC; set once checked in. */
  checkedInAt: string | null;
}

export type ScanDecision =
  | { result: "ok"; checkedInAt: string }
  | { result: "already_checked_in"; checkedInAt: string; moved: boolean }
  | { result: "revoked"; checkedInAt: string | null };

/**
 * One scan of a known ticket. The first scan decided checks the ticket in; every later
 * one is `already_checked_in` with the check-in's time. A scan made earlier than the
 * recorded check-in (a scanner that worked offline uploads late) moves the check-in back
 * to its time: the earliest `scannedAt` is when the holder came through the door.
 */
export const decideScan = (ticket: TicketAtDoor, scannedAt: string): ScanDecision => {
  if (ticket.status === "revoked") return { result: "revoked", checkedInAt: ticket.checkedInAt };
  if (ticket.status === "valid" || ticket.checkedInAt === null) {
    return { result: "ok", checkedInAt: scannedAt };
  }
  const moved = scannedAt < ticket.checkedInAt;
  return {
    result: "already_checked_in",
    checkedInAt: moved ? scannedAt : ticket.checkedInAt,
    moved,
  };
};

/**
 * The order a batch's scans are decided in: by `scannedAt`, then as sent, so that of two
 * scans of one ticket the earlier is the check-in whatever order the scanner sent them in.
 */
export const decisionOrder = (scans: readonly { scannedAt: string }[]): number[] =>
  scans
    .map((scan, index) => ({ at: scan.scannedAt, index }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.index - b.index))
    .map(({ index }) => index);
