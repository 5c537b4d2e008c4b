/** Dates written for people: in their language and zone, naming the zone. */

import { dateTimeFormat } from "./intl";

const formatInZone = (date: Date, locale: string, timeZone: string): string => {
  const options = { dateStyle: "full", timeStyle: "short", timeZone } as const;
  const dateTime = dateTimeFormat(locale, options).format(date);
  // The short time style names no zone and attendees live in many: say which one this is.
  const zone = dateTimeFormat(locale, { timeZone, timeZoneName: "short" })
    .formatToParts(date)
    .find((part) => part.type === "timeZoneName")?.value;
  return `${dateTime} ${zone ?? timeZone}`;
};

/** Written out in the locale, in the zone (UTC when unknown or invalid). */
export const formatDate = (iso: string, locale: string, timeZone = "UTC"): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return formatInZone(date, locale, timeZone);
  } catch {
    return formatInZone(date, locale, "UTC");
  }
};
