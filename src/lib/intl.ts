/**
 * Intl's formatters cost far more to make than to use (each builds its patterns from the
 * locale data), and a message formats several dates and numbers: one formatter per locale
 * and options is kept for the isolate's life. Zones come from attendees' profiles, so the
 * set is bounded by dropping everything once it is full.
 */
const KEPT_MAX = 512;
const kept = new Map<string, object>();

const keptOr = <T extends object>(key: string, make: () => T): T => {
  const found = kept.get(key);
  if (found) return found as T;
  // A constructor that throws (an unknown zone or locale) leaves nothing behind.
  const made = make();
  if (kept.size >= KEPT_MAX) kept.clear();
  kept.set(key, made);
  return made;
};

const keyOf = (kind: string, locale: string, options: object) =>
  `${kind}\u0000${locale}\u0000${JSON.stringify(options)}`;

export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions = {}) =>
  keptOr(keyOf("dt", locale, options), () => new Intl.DateTimeFormat(locale, options));

export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  keptOr(keyOf("nf", locale, options), () => new Intl.NumberFormat(locale, options));

export const pluralRules = (locale: string) =>
  keptOr(keyOf("pr", locale, {}), () => new Intl.PluralRules(locale));

export const regionNames = (language: string, fallback: "code" | "none") =>
  keptOr(
    keyOf("dn", language, { fallback }),
    () => new Intl.DisplayNames([language], { type: "region", fallback }),
  );
