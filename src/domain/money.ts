import { numberFormat } from "../lib/intl";

/** ISO 4217 codes the runtime's Intl data knows: the ones it can format, and Stripe can take. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

export const isCurrencyCode = (code: string) => CURRENCIES.has(code);

/** Digits after the decimal point in the currency's minor unit: 2 for EUR, 0 for JPY. */
export const minorUnitDigits = (currency: string): number =>
  numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** An amount in minor units as people read it in their locale: 5000 EUR → "50,00 €" in fr. */
export const formatAmount = (amount: number, currency: string, locale: string): string => {
  const value = amount / 10 ** minorUnitDigits(currency);
  try {
    return numberFormat(locale, { style: "currency", currency }).format(value);
  } catch {
    return numberFormat("en", { style: "currency", currency }).format(value);
  }
};

/** The least Stripe charges, in the currency's minor unit: its minimum-charge table. */
const STRIPE_MINIMUM_CHARGES: Readonly<Record<string, number>> = {
  USD: 50,
  EUR: 50,
  GBP: 30,
  JPY: 50,
  AUD: 50,
  CAD: 50,
  CHF: 50,
  DKK: 250,
  HKD: 400,
  MXN: 1000,
  NOK: 300,
  NZD: 50,
  PLN: 200,
  SEK: 300,
  SGD: 50,
  AED: 200,
  BRL: 50,
  CZK: 1500,
  HUF: 17500,
  INR: 50,
  MYR: 200,
  RON: 200,
  THB: 1000,
  BGN: 100,
};

/**
 * Outside the table Stripe converts the charge into the account's settlement currency and
 * holds it to that currency's minimum, which depends on the day's exchange rate. No rate
 * is known here, so such a price needs the table's usual 50 minor units: it stops prices
 * of one cent, not every amount Stripe might still refuse.
 */
const DEFAULT_MINIMUM_CHARGE = 50;

/** The smallest price a paid event may have in this currency, in minor units. */
export const minimumCharge = (currency: string): number =>
  STRIPE_MINIMUM_CHARGES[currency] ?? DEFAULT_MINIMUM_CHARGE;

/** The most Stripe charges at once, in any currency: eight digits of minor units. */
export const MAXIMUM_CHARGE = 99_999_999;
