import { requireCaller } from "../../auth";
import { limitLogins, limitRegistrations } from "../../rate-limit";
import { callerRoute, publicRoute } from "../../route";
import {
  AuthResponse,
  LoginBody,
  MeResponse,
  RegisterBody,
  UpdateMeBody,
} from "../../schemas/auth";
import { bodyProblems, jsonBody, jsonContent, MessageSchema, problems } from "../../schemas/common";

const tags = ["Auth"];

export const register = publicRoute(
  {
    method: "post",
    path: "/api/auth/register",
    tags,
    summary: "Register an organizer account",
    operationId: "registerOrganizer",
    description:
      "Creates an organizer account and answers it with a bearer token (a JWT valid 12 hours). Limited per client address.",
    request: { body: jsonBody(RegisterBody) },
    responses: {
      201: {
        ...jsonContent(AuthResponse, "The new organizer and a bearer token"),
        headers: { Location: { schema: { type: "string" } } },
      },
      ...problems({
        ...bodyProblems,
        409: "Email already registered (email_taken)",
        429: "Over 20 registrations a minute from this client (rate_limited); see Retry-After",
        500: "JWT_SECRET missing (misconfigured)",
      }),
    },
  },
  limitRegistrations(),
);

export const login = publicRoute(
  {
    method: "post",
    path: "/api/auth/login",
    tags,
    summary: "Exchange email and password for a bearer token",
    operationId: "login",
    description:
      "Wrong email and wrong password get the same 401. Attempts are limited per client address and email (429 with Retry-After).",
    request: { body: jsonBody(LoginBody) },
    responses: {
      200: jsonContent(AuthResponse, "The organizer and a bearer token"),
      ...problems({
        ...bodyProblems,
        401: "Wrong email or password (invalid_credentials)",
        429: "Too many attempts for this email, from this client or from all (rate_limited); see Retry-After",
        500: "JWT_SECRET missing (misconfigured)",
      }),
    },
  },
  limitLogins(),
);

export const me = callerRoute(requireCaller("organizer"), {
  method: "get",
  path: "/api/auth/me",
  tags,
  summary: "The organizer behind the bearer token",
  operationId: "getCurrentOrganizer",
  description: "Answers the account the token belongs to.",
  responses: {
    200: jsonContent(MeResponse, "The current organizer"),
    ...problems({ 401: "Missing or invalid token", 403: "Not an organizer token" }),
  },
});

export const updateMe = callerRoute(requireCaller("organizer"), {
  method: "patch",
  path: "/api/auth/me",
  tags,
  summary: "Change your name, email or password",
  operationId: "updateCurrentOrganizer",
  description:
    "Changing email or password requires `currentPassword`. A new password invalidates every token issued before it: log in again.",
  request: { body: jsonBody(UpdateMeBody) },
  responses: {
    200: jsonContent(MeResponse, "The updated organizer"),
    ...problems({
      ...bodyProblems,
      401: "Missing or invalid token, or currentPassword missing or wrong (invalid_credentials)",
      403: "Not an organizer token",
      409: "Email already registered (email_taken)",
      429: "Too many password attempts (rate_limited); see Retry-After",
    }),
  },
});

export const deleteMe = callerRoute(requireCaller("organizer"), {
  method: "delete",
  path: "/api/auth/me",
  tags,
  summary: "Delete your account and all your events",
  operationId: "deleteCurrentOrganizer",
  description:
    "Each event is deleted as by DELETE /api/events/{id}. Every token of the account is refused from the answer on.",
  responses: {
    200: jsonContent(MessageSchema, "Account deleted"),
    ...problems({ 401: "Missing or invalid token", 403: "Not an organizer token" }),
  },
});
