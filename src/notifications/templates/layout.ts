import type { Language } from "../types";

export interface LayoutParts {
  language: Language;
  /** Already HTML-escaped. */
  title: string;
  /** Trusted markup whose inserted values are already escaped. */
  body: string;
  /** Already HTML-escaped. */
  footer: string;
}

// Email clients drop <style> blocks and external CSS, so every style is inline.
const PAGE = "margin:0;padding:24px;background:#f4f4f5;";
const CARD =
  "max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px;" +
  "font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#18181b;";
const HEADING = "margin:0 0 16px;font-size:20px;line-height:1.3;";
const FOOTER = "margin:24px 0 0;font-size:12px;color:#71717a;";

/** The one frame every message shares, so all of them look alike. */
export const layout = ({ language, title, body, footer }: LayoutParts): string =>
  [
    "<!doctype html>",
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${title}</title></head>`,
    `<body style="${PAGE}">`,
    `<div style="${CARD}">`,
    `<h1 style="${HEADING}">${title}</h1>`,
    body,
    `<p style="${FOOTER}">${footer}</p>`,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
