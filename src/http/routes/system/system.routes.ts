import { z } from "@hono/zod-openapi";
import { publicRoute } from "../../route";
import { jsonContent } from "../../schemas/common";

export const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "error"]).openapi({
      example: "ok",
      description:
        "`degraded`: D1 does not answer, which may pass; `error`: a configuration fault, which only a fix of the deployment heals",
    }),
    db: z.enum(["ok", "error"]).openapi({ example: "ok" }),
    payments: z.literal("misconfigured").optional().openapi({
      description:
        "Present when only one of Stripe's two secrets is set: paid bookings are refused (500 `misconfigured`) until both or neither are",
    }),
  })
  .openapi("Health");

export const health = publicRoute({
  method: "get",
  path: "/health",
  tags: ["System"],
  summary: "Liveness, database reachability and configuration",
  operationId: "getHealth",
  description:
    'Answers 200 when the Worker runs and D1 answers a query. 503 with `status: "error"` and `payments: "misconfigured"` when only one of Stripe\'s two secrets is set; otherwise 503 with `status: "degraded"` and `db: "error"` when D1 does not answer. For load balancers and uptime checks.',
  responses: {
    200: jsonContent(HealthSchema, "The API and D1 answer"),
    503: jsonContent(HealthSchema, "D1 does not answer, or payments are misconfigured"),
  },
});
