import type { EventRow } from "../../db/schema";
import { countryName } from "../../lib/countries";

export const presentEvent = (row: EventRow) => ({
  id: row.id,
  title: row.title,
  description: row.description,
  country: row.country,
  countryName: countryName(row.country),
  startDate: row.startDate,
  endDate: row.endDate,
  capacity: row.capacity,
  bookedCount: row.bookedCount,
  availableSeats: Math.max(0, row.capacity - row.bookedCount),
  waitlistEnabled: row.waitlistEnabled,
  waitlistCount: row.waitlistCount,
  status: row.status,
  organizerId: row.organizerId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
