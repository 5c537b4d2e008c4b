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
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * One message in one language. Lines are joined with "\n" and an empty line separates
 * paragraphs; the HTML part is built from the same lines, so the two never disagree.
 */
export interface MessageTemplate {
  subject: string;
  text: readonly string[];
}

export interface LanguagePack {
  /** Closes every message, in text and in HTML. */
  footer: string;
  templates: Readonly<Record<NotificationType, MessageTemplate>>;
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
type Checked<T> = [UnknownIn<StringsOf<T>>] extends [never]
  ? T
  : { error: `unknown placeholder {{${UnknownIn<StringsOf<T>>}}}` };

/**
 * Declares a language. The type rejects any `{{name}}` that is not a known placeholder,
 * so a typo fails the typecheck instead of reaching an attendee's inbox.
 */
export const defineLanguage = <const T extends LanguagePack>(pack: T & Checked<T>): LanguagePack =>
  pack;
