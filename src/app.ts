import type { ErrorHandler } from "hono";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { jsonBody } from "./http/body";
import { requestContext } from "./http/request-context";
import { type AppEnv, createRouter } from "./http/router";
import { admissionRouter } from "./http/routes/admission/admission.index";
import { attendeesRouter } from "./http/routes/attendees/attendees.index";
import { authRouter } from "./http/routes/auth/auth.index";
import { bookingsRouter } from "./http/routes/bookings/bookings.index";
import { catalogRouter } from "./http/routes/catalog/catalog.index";
import { docsRouter } from "./http/routes/docs/docs.index";
import { eventsRouter } from "./http/routes/events/events.index";
import { interestsRouter } from "./http/routes/interests/interests.index";
import { notificationsRouter } from "./http/routes/notifications/notifications.index";
import { organizersRouter } from "./http/routes/organizers/organizers.index";
import { paymentsRouter } from "./http/routes/payments/payments.index";
import { sandboxRouter } from "./http/routes/sandbox/sandbox.index";
import { streamsRouter } from "./http/routes/streams/streams.index";
import { systemRouter } from "./http/routes/system/system.index";
import { ticketsRouter } from "./http/routes/tickets/tickets.index";
import { webhooksRouter } from "./http/routes/webhooks/webhooks.index";
import { log } from "./lib/logger";
import { Problem, problem, problemForStatus } from "./lib/problem";

/**
 * Known problems render as themselves, a library's HTTPException as the problem its
 * status stands for; anything else is logged and answered as a bare 500.
 */
const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof Problem) return error.toResponse();
  const known = error instanceof HTTPException && problemForStatus(error.status, error.message);
  if (known) return known.toResponse();
  log(c.env, "error", "unhandled error", {
    requestId: c.get("requestId"),
    method: c.req.method,
    path: c.req.path,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return problem(
    "internal_error",
    "Something went wrong; the request id identifies it.",
  ).toResponse();
};

const allowedOrigins = (env: Env): string[] =>
  (env.CORS_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);

/**
 * The API's routes, chained so that their types add up: a client typed from the app
 * (hono/client's `hc<AppType>`) knows every path, body and answer.
 */
const apiRoutes = () =>
  createRouter()
    .route("/", systemRouter)
    .route("/", authRouter)
    .route("/", eventsRouter)
    .route("/", catalogRouter)
    .route("/", attendeesRouter)
    .route("/", bookingsRouter)
    .route("/", interestsRouter)
    .route("/", admissionRouter)
    .route("/", organizersRouter)
    .route("/", notificationsRouter)
    .route("/", streamsRouter)
    .route("/", sandboxRouter)
    .route("/", ticketsRouter)
    .route("/", webhooksRouter);

export type AppType = ReturnType<typeof apiRoutes>;

export const createApp = () => {
  const app = createRouter();
  app.use(requestContext());
  app.use(
    "*",
    cors({
      origin: (origin, c) => {
        const allowed = allowedOrigins(c.env);
        if (allowed.includes("*")) return "*";
        return allowed.includes(origin) ? origin : null;
      },
      allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"],
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
      exposeHeaders: ["Location", "Retry-After", "X-Request-Id"],
      maxAge: 600,
    }),
  );
  // Ahead of the JSON guard, which would consume the body: Stripe signs the raw bytes.
  app.route("/", paymentsRouter);
  app.use("/api/*", jsonBody());

  app.route("/", apiRoutes());

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description:
      "Organizers send the JWT from /api/auth/login; attendees send the token from POST /api/attendees.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Event Booking API",
      version: "1.0.0",
      description:
        "Organizers publish events, attendees register and book. Capacity, duplicate and waitlist rules hold under any load.",
      contact: { name: "Event Booking API" },
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "System", description: "Health of the API and its database" },
      { name: "Auth", description: "Organizer accounts and their bearer tokens" },
      { name: "Events", description: "Publishing events and reading their seats" },
      {
        name: "Ticket types and promo codes",
        description: "What an event sells: types with their prices and quotas, and codes",
      },
      { name: "Attendees", description: "Attendee registration and profiles" },
      { name: "Bookings", description: "Booking, waitlist and cancellation" },
      { name: "Interest", description: "Hearing when an event's sales open" },
      {
        name: "Admission queue",
        description:
          "A fair line for on-sales: a pre-queue drawn at random, then first come, first served",
      },
      { name: "Organizers", description: "Organizer profiles and the attendees who follow them" },
      { name: "Notifications", description: "Channels, devices, templates and live streams" },
      {
        name: "Tickets",
        description: "Signed tickets, the door's check-ins, calendar files and the tickets page",
      },
      {
        name: "Webhooks",
        description:
          "Your events' changes POSTed to your endpoints, signed per Standard Webhooks and retried for two days",
      },
      {
        name: "Payments",
        description: "Stripe's reports on paid bookings' checkouts, and the checkout pages",
      },
    ],
  });
  app.route("/", docsRouter);

  app.notFound(() => problem("not_found", "No route matches this method and path.").toResponse());
  app.onError(onError);
  return app;
};
