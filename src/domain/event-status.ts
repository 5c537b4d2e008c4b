import type { EventStatus } from "./enums";

/** The only statuses an organizer sets; the other two follow the clock. */
export const ORGANIZER_STATUSES = ["scheduled", "cancelled"] as const;

interface Dated {
  status: EventStatus;
  startDate: string;
  endDate: string;
}

/**
 * What an event is at `now`. Only `cancelled` is a stored fact; otherwise the dates
 * decide, so no job has to flip statuses as time passes. Dates are ISO 8601 UTC.
 */
export const statusAt = (event: Dated, now: Date): EventStatus => {
  if (event.status === "cancelled") return "cancelled";
  const at = now.getTime();
  if (at >= Date.parse(event.endDate)) return "completed";
  if (at >= Date.parse(event.startDate)) return "ongoing";
  return "scheduled";
};

/** Why an event takes no new bookings at `now`, or null when it does. */
export const bookingClosedReason = (
  event: Pick<Dated, "status" | "startDate">,
  now: Date,
): string | null => {
  if (event.status === "cancelled") return "The event has been cancelled.";
  if (now.getTime() >= Date.parse(event.startDate)) return "The event has already started.";
  return null;
};

/**
 * The stored columns a `?status=` filter needs, as bounds on the dates at `now`
 * (stored dates are `toISOString()` values, so they compare as strings).
 */
export interface StatusBounds {
  cancelled: boolean;
  startsAfter?: string;
  startedBy?: string;
  endsAfter?: string;
  endedBy?: string;
}

export const statusFilter = (status: EventStatus, now: Date): StatusBounds => {
  const at = now.toISOString();
  switch (status) {
    case "cancelled":
      return { cancelled: true };
    case "completed":
      return { cancelled: false, endedBy: at };
    case "ongoing":
      return { cancelled: false, startedBy: at, endsAfter: at };
    case "scheduled":
      return { cancelled: false, startsAfter: at };
  }
};
