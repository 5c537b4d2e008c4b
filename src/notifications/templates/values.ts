import { formatAmount } from "../../domain/money";
import { formatDate } from "../../lib/dates";
import { numberFormat, regionNames } from "../../lib/intl";
import type { Language, TemplateData } from "../types";
import type { Placeholder } from "./define";

/** The country in the message's language when the code is known, else the name given. */
const countryName = (data: TemplateData, language: Language): string => {
  try {
    return regionNames(language, "none").of(data.country) ?? data.countryName;
  } catch {
    return data.countryName;
  }
};

const amountOf = (data: TemplateData, locale: string): string =>
  data.amount == null || !data.currency ? "" : formatAmount(data.amount, data.currency, locale);

export const placeholderValues = (
  data: TemplateData,
  locale: string,
  language: Language,
): Record<Placeholder, string> => ({
  attendeeName: data.attendeeName,
  eventTitle: data.eventTitle,
  startDate: formatDate(data.startDate, locale, data.timeZone),
  endDate: formatDate(data.endDate, locale, data.timeZone),
  countryName: countryName(data, language),
  waitlistPosition:
    data.waitlistPosition == null ? "" : numberFormat(locale).format(data.waitlistPosition),
  seats: data.seats == null ? "" : numberFormat(locale).format(data.seats),
  expiresAt: data.expiresAt == null ? "" : formatDate(data.expiresAt, locale, data.timeZone),
  amount: amountOf(data, locale),
  checkoutUrl: data.checkoutUrl ?? "",
  ticketsUrl: data.ticketsUrl ?? "",
  tickets: (data.items ?? [])
    .map((item) => `${numberFormat(locale).format(item.quantity)} × ${item.name}`)
    .join(", "),
});
