import { Hono } from "hono";
import { version } from "swagger-ui-dist/package.json";
import type { AppEnv } from "../../router";
import { docsPage } from "./docs.page";

/**
 * Where `npm run assets` puts Swagger UI's files, served as static assets. The version is
 * in the path, so a browser may cache each file for good (the `_headers` rule says so).
 */
export const ASSET_BASE = `/docs/assets/swagger-ui-${version}`;

/** The reference page; its script and style come from this same origin, never a CDN. */
export const docsRouter = new Hono<AppEnv>().get("/docs", (c) => c.html(docsPage(ASSET_BASE)));
