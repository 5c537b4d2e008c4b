import type { Context } from "hono";
import { log } from "../../../lib/logger";
import { paymentsMode } from "../../../payments/provider";
import { type AppEnv, createRouter } from "../../router";
import * as routes from "./system.routes";

const databaseState = async (c: Context<AppEnv>) => {
  try {
    await c.env.DB.prepare("SELECT 1").first();
    return "ok" as const;
  } catch (error) {
    log(c.env, "error", "health check failed", {
      requestId: c.get("requestId"),
      error: String(error),
    });
    return "error" as const;
  }
};

export const systemRouter = createRouter().openapi(routes.health, async (c) => {
  const db = await databaseState(c);
  if (paymentsMode(c.env) === "misconfigured") {
    return c.json({ status: "error" as const, db, payments: "misconfigured" as const }, 503);
  }
  if (db === "error") return c.json({ status: "degraded" as const, db }, 503);
  return c.json({ status: "ok" as const, db }, 200);
});
