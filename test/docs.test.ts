import { describe, expect, it } from "vitest";
import pkg from "../package.json";
import { api } from "./helpers";

const EXPECTED_TYPES: Record<string, RegExp> = {
  ".js": /^text\/javascript/,
  ".css": /^text\/css/,
};

/** Every script, style sheet, icon or font the page asks the browser to load. */
const assetUrls = (page: string) =>
  [...page.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");

describe("GET /docs", () => {
  it("loads every asset from its own origin, at the pinned Swagger UI version", async () => {
    const res = await api<string>("GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.body).toContain('url: "/openapi.json"');
    // No other origin anywhere in the page: not in tags, not in the inline script.
    expect(res.body).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);

    const urls = assetUrls(res.body);
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

  it("serves each asset with its content type and a long cache life", async () => {
    const page = await api<string>("GET", "/docs");
    for (const url of assetUrls(page.body)) {
      const asset = await api<string>("GET", url);
      expect(asset.status, url).toBe(200);
      const type = EXPECTED_TYPES[url.slice(url.lastIndexOf("."))];
      expect(asset.headers.get("content-type"), url).toMatch(type as RegExp);
      expect(asset.headers.get("cache-control"), url).toContain("immutable");
      expect(asset.body.length, url).toBeGreaterThan(100_000);
    }
  });

  it("answers 404 problem details for an asset it does not have", async () => {
    const page = await api<string>("GET", "/docs");
    const base = assetUrls(page.body)[0]?.replace(/[^/]+$/, "");
    const res = await api("GET", `${base}swagger-ui-bundle.js.map`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
