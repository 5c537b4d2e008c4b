import {
  LANGUAGES,
  type Language,
  type NotificationType,
  type RenderedMessage,
  type TemplateData,
} from "../types";
import { de } from "./de";
import type { LanguagePack, Placeholder } from "./define";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { layout } from "./layout";

export const LANGUAGE_PACKS: Readonly<Record<Language, LanguagePack>> = { en, fr, de, es };

const isLanguage = (value: string | undefined): value is Language =>
  (LANGUAGES as readonly string[]).includes(value ?? "");

const primarySubtag = (locale: string): string | undefined =>
  locale.trim().toLowerCase().split(/[-_]/)[0];

/** `fr-CA` → `fr` → `en`: the primary subtag decides, anything unsupported reads as English. */
export const resolveLanguage = (locale: string): Language => {
  const primary = primarySubtag(locale);
  return isLanguage(primary) ? primary : "en";
};

/** Keeps regional formats (`fr-CA`, `en-GB`) when the text is in that region's language. */
const formattingLocale = (locale: string, language: Language): string => {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale.trim().replaceAll("_", "-"));
    return canonical && primarySubtag(canonical) === language ? canonical : language;
  } catch {
    return language;
  }
};

/** Enrichment may know the attendee's IANA zone; without one, dates are in UTC. */
type RenderData = TemplateData & { timeZone?: string };

const formatInZone = (date: Date, locale: string, timeZone: string): string => {
  const options = { dateStyle: "full", timeStyle: "short", timeZone } as const;
  const dateTime = new Intl.DateTimeFormat(locale, options).format(date);
  // The short time style names no zone and attendees live in many: say which one this is.
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
    .formatToParts(date)
    .find((part) => part.type === "timeZoneName")?.value;
  return `${dateTime} ${zone ?? timeZone}`;
};

const formatDate = (iso: string, locale: string, timeZone = "UTC"): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return formatInZone(date, locale, timeZone);
  } catch {
    return formatInZone(date, locale, "UTC");
  }
};

/** The country in the message's language when the code is known, else the name given. */
const countryName = (data: TemplateData, language: Language): string => {
  try {
    const names = new Intl.DisplayNames([language], { type: "region", fallback: "none" });
    return names.of(data.country) ?? data.countryName;
  } catch {
    return data.countryName;
  }
};

const placeholderValues = (
  data: RenderData,
  locale: string,
  language: Language,
): Record<Placeholder, string> => ({
  attendeeName: data.attendeeName,
  eventTitle: data.eventTitle,
  startDate: formatDate(data.startDate, locale, data.timeZone),
  endDate: formatDate(data.endDate, locale, data.timeZone),
  countryName: countryName(data, language),
  waitlistPosition:
    data.waitlistPosition == null
      ? ""
      : new Intl.NumberFormat(locale).format(data.waitlistPosition),
  seats: data.seats == null ? "" : new Intl.NumberFormat(locale).format(data.seats),
  expiresAt: data.expiresAt == null ? "" : formatDate(data.expiresAt, locale, data.timeZone),
});

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);

/** Replaces every `{{name}}`; a name outside the known set is a bug, never silent. */
const fill = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{\{([^{}]*)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Unknown placeholder {{${name}}}`);
    return value;
  });

const escapeAll = (values: Record<Placeholder, string>): Record<Placeholder, string> =>
  Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, escapeHtml(value)]),
  ) as Record<Placeholder, string>;

/** In HTML the event's title and the waitlist place stand out. */
const emphasized = (values: Record<Placeholder, string>): Record<Placeholder, string> => ({
  ...values,
  eventTitle: `<strong>${values.eventTitle}</strong>`,
  waitlistPosition: values.waitlistPosition && `<strong>${values.waitlistPosition}</strong>`,
});

/** The text's paragraphs as <p> elements, its line breaks as <br>. */
const htmlParagraphs = (lines: readonly string[], values: Readonly<Record<string, string>>) => {
  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    if (line === "") paragraphs.push([]);
    else paragraphs.at(-1)?.push(fill(line, values));
  }
  return paragraphs
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.join("<br>")}</p>`)
    .join("\n");
};

export const renderTemplate = (
  type: NotificationType,
  locale: string,
  data: TemplateData,
): RenderedMessage => {
  const language = resolveLanguage(locale);
  const { footer, templates } = LANGUAGE_PACKS[language];
  const template = templates[type];
  const values = placeholderValues(data, formattingLocale(locale, language), language);
  // A subject is one header line: a line break in a title must not split it.
  const subject = fill(template.subject, values).replace(/\s+/g, " ").trim();
  const text = [...template.text, "", footer].map((line) => fill(line, values)).join("\n");
  const body = htmlParagraphs(template.text, emphasized(escapeAll(values)));
  const html = layout({ language, title: escapeHtml(subject), body, footer: escapeHtml(footer) });
  return { language, subject, text, html };
};

/** What the preview endpoint renders: a realistic event, fixed so previews are stable. */
export const sampleTemplateData = (): TemplateData => ({
  attendeeName: "John Doe",
  eventTitle: "Symfony Conference",
  startDate: "2030-05-01T10:00:00.000Z",
  endDate: "2030-05-01T18:00:00.000Z",
  country: "FR",
  countryName: "France",
  waitlistPosition: 3,
  seats: 2,
  expiresAt: "2030-04-30T10:15:00.000Z",
});
