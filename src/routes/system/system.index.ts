import { log } from "../../lib/logger";
import { createRouter } from "../../lib/router";
import * as routes from "./system.routes";

export const systemRouter = createRouter().openapi(routes.health, async (c) => {
  try {
    await c.env.DB.prepare("SELECT 1").first();
    return c.json({ status: "ok" as const, db: "ok" as const }, 200);
  } catch (error) {
    log(c.env, "error", "health check failed", {
      requestId: c.get("requestId"),
      error: String(error),
    });
    return c.json({ status: "degraded" as const, db: "error" as const }, 503);
  }
});
