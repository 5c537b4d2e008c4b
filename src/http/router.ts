import type { Hook, RouteConfigToEnv } from "@hono/zod-openapi";
import { OpenAPIHono, type RouteConfig, type RouteHandler } from "@hono/zod-openapi";
import { problem } from "../lib/problem";
import type { AppEnv } from "./app-env";

export type { AppEnv } from "./app-env";

/** A handler sees what its route's middleware adds (the caller, say) and nothing more. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv & RouteConfigToEnv<R>>;

const formatPath = (path: readonly PropertyKey[]) => path.map(String).join(".");

/** Every request validation failure in the API becomes this one 422 problem document. */
const defaultHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const errors = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  throw problem("validation_failed", "The request has invalid fields; see errors.", { errors });
};

export const createRouter = () => new OpenAPIHono<AppEnv>({ strict: false, defaultHook });
