import { createRoute } from "@hono/zod-openapi";
import { requireCaller } from "../../lib/auth";
import { limitLogins } from "../../lib/rate-limit";
import { AuthResponse, LoginBody, MeResponse, RegisterBody } from "../../schemas/auth";
import { jsonBody, jsonContent, problems } from "../../schemas/common";

const tags = ["Auth"];

export const register = createRoute({
  method: "post",
  path: "/api/auth/register",
  tags,
  summary: "Register an organizer account",
  request: { body: jsonBody(RegisterBody) },
  responses: {
    201: {
      ...jsonContent(AuthResponse, "The new organizer and a bearer token"),
      headers: { Location: { schema: { type: "string" } } },
    },
    ...problems({
      400: "Malformed JSON",
      409: "Email already registered (email_taken)",
      413: "Body over 64 KiB",
      415: "Body is not JSON",
      422: "Invalid fields",
      500: "JWT_SECRET missing (misconfigured)",
    }),
  },
});

export const login = createRoute({
  method: "post",
  path: "/api/auth/login",
  tags,
  summary: "Exchange email and password for a bearer token",
  middleware: [limitLogins()],
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonContent(AuthResponse, "The organizer and a bearer token"),
    ...problems({
      400: "Malformed JSON",
      401: "Wrong email or password (invalid_credentials)",
      413: "Body over 64 KiB",
      429: "Too many attempts for this email from this client (rate_limited); see Retry-After",
      415: "Body is not JSON",
      422: "Invalid fields",
      500: "JWT_SECRET missing (misconfigured)",
    }),
  },
});

export const me = createRoute({
  method: "get",
  path: "/api/auth/me",
  tags,
  summary: "The organizer behind the bearer token",
  security: [{ bearerAuth: [] }],
  middleware: requireCaller("organizer"),
  responses: {
    200: jsonContent(MeResponse, "The current organizer"),
    ...problems({ 401: "Missing or invalid token", 403: "Not an organizer token" }),
  },
});
