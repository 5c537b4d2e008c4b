import { Hono } from "hono";
import { version } from "swagger-ui-dist/package.json";
import swaggerUiCss from "swagger-ui-dist/swagger-ui.css";
import swaggerUiBundle from "swagger-ui-dist/swagger-ui-bundle.js";
import type { AppEnv } from "../../router";
import { docsPage } from "./docs.page";

/** The version is in the path, so a browser may cache each file for good. */
export const ASSET_BASE = `/docs/assets/swagger-ui-${version}`;

const assets: Record<string, { body: string; type: string }> = {
  "swagger-ui-bundle.js": { body: swaggerUiBundle, type: "text/javascript; charset=utf-8" },
  "swagger-ui.css": { body: swaggerUiCss, type: "text/css; charset=utf-8" },
};

/** Swagger UI served by the Worker itself, so `/docs` works with no internet. */
export const docsRouter = new Hono<AppEnv>()
  .get("/docs", (c) => c.html(docsPage(ASSET_BASE)))
  .get(`${ASSET_BASE}/:file`, (c) => {
    const asset = assets[c.req.param("file")];
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, {
      "Content-Type": asset.type,
      "Cache-Control": "public, max-age=31536000, immutable",
    });
  });
