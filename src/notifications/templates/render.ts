import { FIRST_TYPE_NAME } from "../../domain/catalog";
import { formattingLocale, resolveLanguage } from "../../domain/languages";
import { escapeHtml } from "../../lib/html";
import { pluralRules } from "../../lib/intl";
import type { Language, NotificationType, RenderedMessage, TemplateData } from "../types";
import { de } from "./de";
import type { LanguagePack, MessageTemplate, WordedMessage, Wording } from "./define";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { fill, htmlParagraphs, htmlValues } from "./html";
import { layout } from "./layout";
import { placeholderValues } from "./values";

export { resolveLanguage };

export const LANGUAGE_PACKS: Readonly<Record<Language, LanguagePack>> = { en, fr, de, es };

const formsOf = (wording: Wording): string[] =>
  typeof wording === "string" ? [wording] : Object.values(wording);

const namesCheckoutUrl = (template: MessageTemplate) =>
  [template.subject, ...template.text].some((wording) =>
    formsOf(wording).some((line) => line.includes("{{checkoutUrl}}")),
  );

/** Each wording in the form the locale's plural rules give for `seats` (one seat when unknown). */
export const inNumber = (
  template: MessageTemplate,
  seats: number | null | undefined,
  locale: string,
): WordedMessage => {
  const form = pluralRules(locale).select(seats ?? 1);
  const pick = (wording: Wording) =>
    typeof wording === "string" ? wording : (wording[form] ?? wording.other);
  return { subject: pick(template.subject), text: template.text.map(pick) };
};

/**
 * The paid wording when the booking has a payment and every payment value it names is
 * known: a hold without its checkout link keeps the plain wording rather than an empty link.
 */
export const wordingFor = (template: MessageTemplate, data: TemplateData): MessageTemplate => {
  const paid = "paid" in template ? (template.paid as MessageTemplate) : undefined;
  if (!paid || data.amount == null || !data.currency) return template;
  if (namesCheckoutUrl(paid) && !data.checkoutUrl) return template;
  return paid;
};

/**
 * A line naming the tickets link is left out, with the blank line before it, when the
 * announcement carries none (older messages, a deployment without a ticket key).
 */
const withoutMissingLinks = (template: WordedMessage, data: TemplateData): WordedMessage => {
  if (data.ticketsUrl) return template;
  const names = (line: string | undefined) => line?.includes("{{ticketsUrl}}") ?? false;
  const text = template.text.filter(
    (line, i, all) => !names(line) && !(line === "" && names(all[i + 1])),
  );
  return { ...template, text };
};

/**
 * A booking of named ticket types says which, and how many of each, after its message;
 * one line of the event's general admission needs no such line.
 */
const withTickets = (template: WordedMessage, data: TemplateData, line: string): WordedMessage => {
  const items = data.items ?? [];
  const general = items.length === 1 && items[0]?.name === FIRST_TYPE_NAME;
  return items.length === 0 || general
    ? template
    : { ...template, text: [...template.text, "", line] };
};

export const renderTemplate = (
  type: NotificationType,
  locale: string,
  data: TemplateData,
): RenderedMessage => {
  const language = resolveLanguage(locale);
  const { footer, tickets, templates } = LANGUAGE_PACKS[language];
  const formatting = formattingLocale(locale, language);
  const worded = inNumber(wordingFor(templates[type], data), data.seats, formatting);
  const template = withTickets(withoutMissingLinks(worded, data), data, tickets);
  const values = placeholderValues(data, formatting, language);
  // A subject is one header line: a line break in a title must not split it.
  const subject = fill(template.subject, values).replace(/\s+/g, " ").trim();
  const text = [...template.text, "", footer].map((line) => fill(line, values)).join("\n");
  const body = htmlParagraphs(template.text, htmlValues(values));
  const html = layout({ language, title: escapeHtml(subject), body, footer: escapeHtml(footer) });
  return { language, subject, text, html };
};

const SAMPLE: TemplateData = {
  attendeeName: "John Doe",
  eventTitle: "Symfony Conference",
  startDate: "2030-05-01T10:00:00.000Z",
  endDate: "2030-05-01T18:00:00.000Z",
  country: "FR",
  countryName: "France",
  waitlistPosition: 3,
  seats: 2,
  expiresAt: "2030-04-30T10:15:00.000Z",
  ticketsUrl:
    "https://tickets.example.com/tickets/0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a?key=1q2w3e4.c2ln",
};

/** What a preview of a paid booking's message shows: two seats at 50 € each. */
export const SAMPLE_PAYMENT = {
  amount: 10000,
  currency: "EUR",
  checkoutUrl: "https://checkout.stripe.com/c/pay/cs_test_a1b2c3",
} as const satisfies Partial<TemplateData>;

/**
 * What the preview endpoint renders: a realistic event, fixed so previews are stable;
 * with `paid`, the booking has a payment, so the paid wordings show.
 */
export const sampleTemplateData = (paid = false): TemplateData =>
  paid ? { ...SAMPLE, ...SAMPLE_PAYMENT } : { ...SAMPLE };
