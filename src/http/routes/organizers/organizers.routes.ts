import { createRoute } from "@hono/zod-openapi";
import { requireCaller } from "../../auth";
import {
  FollowSchema,
  OrganizerListSchema,
  OrganizerProfileSchema,
  PageQuery,
} from "../../schemas/audiences";
import {
  attendeeSelfProblems,
  bareBodyProblems,
  IdParam,
  jsonContent,
  MessageSchema,
  problems,
} from "../../schemas/common";

const tags = ["Organizers"];
const security = [{ bearerAuth: [] }];
const followProblems = {
  401: "Missing or invalid token",
  403: "Not an attendee (forbidden)",
  404: "Unknown organizer (organizer_not_found)",
} as const;

export const get = createRoute({
  method: "get",
  path: "/api/organizers/{id}",
  operationId: "getOrganizer",
  tags,
  summary: "An organizer's public profile",
  description: "Name, how many events they have created and how many attendees follow them.",
  security: [],
  request: { params: IdParam },
  responses: {
    200: jsonContent(OrganizerProfileSchema, "The organizer's profile"),
    ...problems({ 404: "Unknown organizer (organizer_not_found)" }),
  },
});

export const follow = createRoute({
  method: "post",
  path: "/api/organizers/{id}/follow",
  operationId: "followOrganizer",
  tags,
  summary: "Follow an organizer",
  description:
    "Each event the organizer creates from now on is announced to you once (`event.published`). Following twice is harmless: 200 with the existing follow.",
  security,
  middleware: requireCaller("attendee"),
  request: { params: IdParam },
  responses: {
    200: jsonContent(FollowSchema, "Already following"),
    201: {
      ...jsonContent(FollowSchema, "Now following"),
      headers: { Location: { schema: { type: "string" } } },
    },
    ...problems({ ...bareBodyProblems, ...followProblems }),
  },
});

export const unfollow = createRoute({
  method: "delete",
  path: "/api/organizers/{id}/follow",
  operationId: "unfollowOrganizer",
  tags,
  summary: "Stop following an organizer",
  description: "Answers 200 whether or not you were following.",
  security,
  middleware: requireCaller("attendee"),
  request: { params: IdParam },
  responses: {
    200: jsonContent(MessageSchema, "No longer following"),
    ...problems(followProblems),
  },
});

export const following = createRoute({
  method: "get",
  path: "/api/attendees/{id}/following",
  operationId: "listFollowedOrganizers",
  tags,
  summary: "The organizers an attendee follows (that attendee)",
  description: "Most recently followed first.",
  security,
  middleware: requireCaller("attendee"),
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: jsonContent(OrganizerListSchema, "A page of organizer profiles"),
    ...problems({ ...attendeeSelfProblems, 422: "Invalid query parameters" }),
  },
});
