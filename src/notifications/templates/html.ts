import { escapeHtml } from "../../lib/html";
import type { Placeholder } from "./define";

/** Replaces every `{{name}}`; a name outside the known set is a bug, never silent. */
export const fill = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{\{([^{}]*)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Unknown placeholder {{${name}}}`);
    return value;
  });

const isWebUrl = (value: string): boolean => {
  try {
    const { protocol } = new URL(value);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
};

/** Only a web address becomes a link: a `javascript:` or other scheme stays inert text. */
const link = (url: string): string => {
  const escaped = escapeHtml(url);
  return isWebUrl(url) ? `<a href="${escaped}">${escaped}</a>` : escaped;
};

/** The values as the HTML part shows them: escaped, the title and figures set off, the link live. */
export const htmlValues = (values: Record<Placeholder, string>): Record<Placeholder, string> => {
  const escaped = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, escapeHtml(value)]),
  ) as Record<Placeholder, string>;
  const strong = (value: string) => value && `<strong>${value}</strong>`;
  return {
    ...escaped,
    eventTitle: `<strong>${escaped.eventTitle}</strong>`,
    waitlistPosition: strong(escaped.waitlistPosition),
    amount: strong(escaped.amount),
    checkoutUrl: values.checkoutUrl && link(values.checkoutUrl),
    ticketsUrl: values.ticketsUrl && link(values.ticketsUrl),
  };
};

/** The text's paragraphs as <p> elements, its line breaks as <br>. */
export const htmlParagraphs = (
  lines: readonly string[],
  values: Readonly<Record<string, string>>,
) => {
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
