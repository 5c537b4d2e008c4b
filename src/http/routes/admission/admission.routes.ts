import { requireCaller } from "../../auth";
import { callerRoute } from "../../route";
import { EntryParams, QueueEntrySchema, QueueSummarySchema } from "../../schemas/admission";
import { bareBodyProblems, IdParam, jsonContent, problems } from "../../schemas/common";

const tags = ["Admission queue"];

export const join = callerRoute(requireCaller("attendee"), {
  method: "post",
  path: "/api/events/{id}/queue",
  operationId: "joinAdmissionQueue",
  tags,
  summary: "Join the event's admission queue",
  description:
    "Before `salesStartAt` you wait in a pre-queue drawn in a uniformly random order when " +
    "sales open; after it, you are admitted in the order you joined. Passes go out at the " +
    "event's `admitPerMinute` at most; an admitted entry carries a `pass` for POST " +
    "/api/bookings (header Admission-Pass), valid 10 minutes. Joining again while waiting " +
    "or holding a pass answers 200 with that entry; after a pass is used or expires, 201 " +
    "with a new entry at the back.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(QueueEntrySchema, "Already in the queue"),
    201: {
      ...jsonContent(QueueEntrySchema, "Joined"),
      headers: { Location: { schema: { type: "string" } } },
    },
    ...problems({
      ...bareBodyProblems,
      401: "Missing or invalid token",
      403: "Not an attendee (forbidden)",
      404: "Unknown event (event_not_found)",
      409: "The event has no queue, is cancelled or has started (event_not_bookable)",
      503: "The queue is overloaded (overloaded); retry after Retry-After",
    }),
  },
});

export const entry = callerRoute(requireCaller("attendee"), {
  method: "get",
  path: "/api/events/{id}/queue/{entryId}",
  operationId: "getAdmissionQueueEntry",
  tags,
  summary: "Your place in the queue, and your pass once admitted",
  description:
    "Poll it every few seconds, or follow it over GET /api/events/{id}/queue/{entryId}/live.",
  request: { params: EntryParams },
  responses: {
    200: jsonContent(QueueEntrySchema, "The entry"),
    ...problems({
      401: "Missing or invalid token",
      403: "Not an attendee (forbidden)",
      404: "No entry of yours has this id in this event's queue (not_found)",
      503: "The queue is overloaded (overloaded); retry after Retry-After",
    }),
  },
});

export const summary = callerRoute(requireCaller("organizer"), {
  method: "get",
  path: "/api/events/{id}/queue",
  operationId: "getAdmissionQueue",
  tags,
  summary: "How many wait and how many were admitted (the event's organizer)",
  description: "An event whose queue nobody joined yet answers zeros.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(QueueSummarySchema, "The queue's counts"),
    ...problems({
      401: "Missing or invalid token",
      403: "Not the event's organizer (forbidden)",
      404: "Unknown event (event_not_found)",
    }),
  },
});
