/**
 * The languages the API speaks to attendees: messages, the checkout page and the tickets
 * page. An attendee's `locale` picks one; anything unsupported reads as English.
 */
export const LANGUAGES = ["en", "fr", "de", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

const primarySubtag = (locale: string): string | undefined =>
  locale.trim().toLowerCase().split(/[-_]/)[0];

export const languageOf = (locale: string): string | undefined => primarySubtag(locale);

const isLanguage = (value: string | undefined): value is Language =>
  (LANGUAGES as readonly string[]).includes(value ?? "");

/** `fr-CA` → `fr` → `en`: the primary subtag decides, anything unsupported reads as English. */
export const resolveLanguage = (locale: string): Language => {
  const primary = languageOf(locale);
  return isLanguage(primary) ? primary : "en";
};

/** Keeps regional formats (`fr-CA`, `en-GB`) when the text is in that region's language. */
export const formattingLocale = (locale: string, language: Language): string => {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale.trim().replaceAll("_", "-"));
    return canonical && primarySubtag(canonical) === language ? canonical : language;
  } catch {
    return language;
  }
};

/** The language of the text and the locale its numbers and dates are formatted in. */
export const speakerOf = (locale: string) => {
  const language = resolveLanguage(locale);
  return { language, locale: formattingLocale(locale, language) };
};
