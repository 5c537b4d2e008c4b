import type { Hook } from "@hono/zod-openapi";
import { OpenAPIHono, type RouteConfig, type RouteHandler } from "@hono/zod-openapi";
import type { Caller, PendingCaller } from "./auth";
import { problem } from "./problem";

export interface AppEnv {
  Bindings: Env;
  Variables: { requestId: string; caller: Caller; pendingCaller: PendingCaller };
}

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;

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
