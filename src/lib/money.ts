/** ISO 4217 codes the runtime's Intl data knows: the ones it can format, and Stripe can take. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

export const isCurrencyCode = (code: string) => CURRENCIES.has(code);

/** Digits after the decimal point in the currency's minor unit: 2 for EUR, 0 for JPY. */
export const minorUnitDigits = (currency: string): number =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;

/** An amount in minor units as people read it in their locale: 5000 EUR → "50,00 €" in fr. */
export const formatAmount = (amount: number, currency: string, locale: string): string => {
  const value = amount / 10 ** minorUnitDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(value);
  } catch {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(value);
  }
};
