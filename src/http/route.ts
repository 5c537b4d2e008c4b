import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";

type Declared<P extends string> = Omit<RouteConfig, "path" | "security" | "middleware"> & {
  path: P;
};
// biome-ignore lint/suspicious/noExplicitAny: any middleware, whatever it adds to the context
type Check = MiddlewareHandler<any, any, any>;

const BEARER = [{ bearerAuth: [] }];

/**
 * A route anyone may call: its OpenAPI entry says no token is needed, and no caller check
 * runs. `guards` (rate limits) run before the handler.
 */
export const publicRoute = <P extends string, R extends Declared<P>, G extends Check[] = []>(
  config: R,
  ...guards: G
) => createRoute({ ...config, security: [], middleware: guards });

/**
 * A route for callers with a token: the OpenAPI `security` entry and the middleware that
 * checks the caller are declared together, so the document and the check cannot disagree.
 * The handler's context carries what `check` sets (the caller).
 */
export const callerRoute = <P extends string, R extends Declared<P>, C extends Check>(
  check: C,
  config: R,
) => createRoute({ ...config, security: BEARER, middleware: [check] as [C] });
