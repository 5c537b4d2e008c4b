import type { NotificationType } from "../types";

/** Every value a template may insert; anything else between `{{ }}` is a mistake. */
export const PLACEHOLDERS = [
  "attendeeName",
  "eventTitle",
  "startDate",
  "endDate",
  "countryName",
  "waitlistPosition",
  "seats",
  "expiresAt",
  "amount",
  "checkoutUrl",
  "ticketsUrl",
  "tickets",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Known only for a paid booking, so only its `paid` variant may name them. */
export const PAYMENT_PLACEHOLDERS = ["amount", "checkoutUrl"] as const satisfies Placeholder[];

/** Messages whose wording differs for a paid booking: each language must say it both ways. */
export const PAID_VARIANT_TYPES = [
  "booking.pending",
  "booking.promoted",
  "booking.confirmed",
  "booking.refunded",
] as const satisfies NotificationType[];
type PaidVariantType = (typeof PAID_VARIANT_TYPES)[number];

/**
 * A wording that depends on how many seats the booking has: the plural rules of the
 * message's locale (`Intl.PluralRules`) pick the form, `other` when the language has no
 * form of its own for that number (French says "1 place", "0 place"; English "0 seats").
 */
export type Plural = { readonly other: string } & {
  readonly [Form in Exclude<Intl.LDMLPluralRule, "other">]?: string;
};
export type Wording = string | Plural;

/**
 * One message in one language. Lines are joined with "\n" and an empty line separates
 * paragraphs; the HTML part is built from the same lines, so the two never disagree.
 */
export interface MessageTemplate {
  subject: Wording;
  text: readonly Wording[];
}

/** A message with its plural forms chosen: what is filled in and sent. */
export interface WordedMessage {
  subject: string;
  text: readonly string[];
}

/**
 * `paid` is the wording for a booking with a payment; the plain one serves free bookings
 * and messages that carry no payment (queued before paid events existed).
 */
export type VariedTemplate = MessageTemplate & { paid: MessageTemplate };

export type Templates = {
  readonly [T in NotificationType]: T extends PaidVariantType ? VariedTemplate : MessageTemplate;
};

export interface LanguagePack {
  /** Closes every message, in text and in HTML. */
  footer: string;
  /** Names a booking's ticket types and quantities, when it has more than general admission. */
  tickets: string;
  templates: Templates;
}

type UnknownIn<S> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? (Name extends Placeholder ? never : Name) | UnknownIn<Rest>
  : never;
type StringsOf<T> = T extends string
  ? T
  : T extends readonly (infer Item)[]
    ? StringsOf<Item>
    : T extends object
      ? StringsOf<T[keyof T]>
      : never;
type PaymentIn<S> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? (Name extends (typeof PAYMENT_PLACEHOLDERS)[number] ? Name : never) | PaymentIn<Rest>
  : never;
type PlainWordings<T> = T extends { templates: infer M }
  ? { [K in keyof M]: Omit<M[K], "paid"> }[keyof M]
  : never;
type Checked<T> = [UnknownIn<StringsOf<T>>] extends [never]
  ? [PaymentIn<StringsOf<PlainWordings<T>>>] extends [never]
    ? T
    : { error: `{{${PaymentIn<StringsOf<PlainWordings<T>>>}}} outside a paid variant` }
  : { error: `unknown placeholder {{${UnknownIn<StringsOf<T>>}}}` };

/**
 * Declares a language. The type rejects any `{{name}}` that is not a known placeholder,
 * and a payment's placeholders outside a `paid` variant, so a typo or an empty amount fails
 * the typecheck instead of reaching an attendee's inbox.
 */
export const defineLanguage = <const T extends LanguagePack>(pack: T & Checked<T>): LanguagePack =>
  pack;
