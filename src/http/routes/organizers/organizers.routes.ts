import { requireCaller } from "../../auth";
import { callerRoute, publicRoute } from "../../route";
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
const followProblems = {
  401: "Missing or invalid token",
  403: "Not an attendee (forbidden)",
  404: "Unknown organizer (organizer_not_found)",
} as const;

export const get = publicRoute({
  method: "get",
  path: "/api/organizers/{id}",
  operationId: "getOrganizer",
  tags,
  summary: "An organizer's public profile",
  description: "Name, how many events they have created and how many attendees follow them.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(OrganizerProfileSchema, "The organizer's profile"),
    ...problems({ 404: "Unknown organizer (organizer_not_found)" }),
  },
});

export const follow = callerRoute(requireCaller("attendee"), {
  method: "post",
  path: "/api/organizers/{id}/follow",
  operationId: "followOrganizer",
  tags,
  summary: "Follow an organizer",
  description:
    "Each event the organizer creates from now on is announced to you once (`event.published`). Following twice is harmless: 200 with the existing follow.",
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

export const unfollow = callerRoute(requireCaller("attendee"), {
  method: "delete",
  path: "/api/organizers/{id}/follow",
  operationId: "unfollowOrganizer",
  tags,
  summary: "Stop following an organizer",
  description: "Answers 200 whether or not you were following.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(MessageSchema, "No longer following"),
    ...problems(followProblems),
  },
});

export const following = callerRoute(requireCaller("attendee"), {
  method: "get",
  path: "/api/attendees/{id}/following",
  operationId: "listFollowedOrganizers",
  tags,
  summary: "The organizers an attendee follows (that attendee)",
  description: "Most recently followed first.",
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: jsonContent(OrganizerListSchema, "A page of organizer profiles"),
    ...problems({ ...attendeeSelfProblems, 422: "Invalid query parameters" }),
  },
});
