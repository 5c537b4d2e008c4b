/**
 * The form search compares: compatibility-decomposed (NFKD) so accents become separate
 * marks, marks removed, then case-folded. Upper-then-lower folds what lower-casing
 * alone misses ("ß" matches "ss"); lower-casing picks a final "ς" by position, so a
 * substring could miss it: every sigma is compared as "σ".
 */
export const foldForSearch = (text: string): string =>
  text.normalize("NFKD").replace(/\p{M}/gu, "").toUpperCase().toLowerCase().replaceAll("ς", "σ");

/** Code points, not UTF-16 units: an emoji is one character of a search text. */
export const characterCount = (text: string): number => [...text].length;
