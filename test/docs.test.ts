import { describe, expect, it } from "vitest";
import pkg from "../package.json";
import { raw } from "./client";

/** Every script, style sheet, icon or font the page asks the browser to load. */
const assetUrls = (page: string) =>
  [...page.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");

describe("GET /docs", () => {
  it("loads every asset from its own origin, at the pinned Swagger UI version", async () => {
    // Raw: the page is not an operation of the API, so it has no typed call.
    const res = await raw("GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.text).toContain('url: "/openapi.json"');
    // No other origin anywhere in the page: not in tags, not in the inline script.
    expect(res.text).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);

    const urls = assetUrls(res.text);
    expect(urls.map((url) => url.slice(url.lastIndexOf("/") + 1)).sort()).toEqual([
      "swagger-ui-bundle.js",
      "swagger-ui.css",
    ]);
    for (const url of urls) {
      expect(url).toMatch(
        new RegExp(`^/docs/assets/swagger-ui-${pkg.dependencies["swagger-ui-dist"]}/`),
      );
    }
  });
});
