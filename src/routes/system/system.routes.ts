import { createRoute, z } from "@hono/zod-openapi";
import { jsonContent } from "../../schemas/common";

export const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]).openapi({ example: "ok" }),
    db: z.enum(["ok", "error"]).openapi({ example: "ok" }),
  })
  .openapi("Health");

export const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["System"],
  summary: "Liveness and database reachability",
  operationId: "getHealth",
  description:
    'Answers 200 when the Worker runs and D1 answers a query, 503 with `db: "error"` otherwise. For load balancers and uptime checks.',
  security: [],
  responses: {
    200: jsonContent(HealthSchema, "The API and D1 answer"),
    503: jsonContent(HealthSchema, "D1 does not answer"),
  },
});
