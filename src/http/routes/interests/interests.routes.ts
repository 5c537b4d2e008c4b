import { requireCaller } from "../../auth";
import { callerRoute } from "../../route";
import { InterestSchema, PageQuery } from "../../schemas/audiences";
import {
  attendeeSelfProblems,
  bareBodyProblems,
  IdParam,
  jsonContent,
  MessageSchema,
  problems,
} from "../../schemas/common";
import { EventListSchema } from "../../schemas/events";

const tags = ["Interest"];
const interestProblems = {
  401: "Missing or invalid token",
  403: "Not an attendee (forbidden)",
  404: "Unknown event (event_not_found)",
} as const;

export const add = callerRoute(requireCaller("attendee"), {
  method: "post",
  path: "/api/events/{id}/interest",
  operationId: "addEventInterest",
  tags,
  summary: "Ask to hear when an event's sales open",
  description:
    "When the event's sales open (`salesStartAt`) you are notified once (`event.sales_opened`) on your channels. Asking twice is harmless: 200 with the existing interest.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(InterestSchema, "Already interested"),
    201: {
      ...jsonContent(InterestSchema, "Interest recorded"),
      headers: { Location: { schema: { type: "string" } } },
    },
    ...problems({
      ...bareBodyProblems,
      ...interestProblems,
      409: "The event is cancelled or has already started (event_not_bookable)",
    }),
  },
});

export const remove = callerRoute(requireCaller("attendee"), {
  method: "delete",
  path: "/api/events/{id}/interest",
  operationId: "removeEventInterest",
  tags,
  summary: "No longer hear when an event's sales open",
  description: "Answers 200 whether or not you were interested.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(MessageSchema, "Interest removed"),
    ...problems(interestProblems),
  },
});

export const list = callerRoute(requireCaller("attendee"), {
  method: "get",
  path: "/api/attendees/{id}/interests",
  operationId: "listAttendeeInterests",
  tags,
  summary: "The events an attendee is interested in (that attendee)",
  description: "Most recent interest first.",
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: jsonContent(EventListSchema, "A page of events"),
    ...problems({ ...attendeeSelfProblems, 422: "Invalid query parameters" }),
  },
});
