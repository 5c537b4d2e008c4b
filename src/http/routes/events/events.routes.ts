import { requireCaller } from "../../auth";
import { callerRoute, publicRoute } from "../../route";
import { BookingListSchema, ScopedBookingListQuery } from "../../schemas/bookings";
import {
  bodyProblems,
  IdParam,
  jsonBody,
  jsonContent,
  MessageSchema,
  problems,
} from "../../schemas/common";
import {
  CreateEventBody,
  EventListQuery,
  EventListSchema,
  EventSchema,
  UpdateEventBody,
} from "../../schemas/events";

const tags = ["Events"];
const organizerOnly = requireCaller("organizer");

export const create = callerRoute(organizerOnly, {
  method: "post",
  path: "/api/events",
  tags,
  summary: "Publish an event",
  operationId: "createEvent",
  description:
    "The caller becomes the event's organizer. Dates without an offset are read as UTC; `endDate` must be after `startDate`.",
  request: { body: jsonBody(CreateEventBody) },
  responses: {
    201: {
      ...jsonContent(EventSchema, "The created event"),
      headers: { Location: { schema: { type: "string" } } },
    },
    ...problems({ ...bodyProblems, 401: "Missing or invalid token", 403: "Not an organizer" }),
  },
});

export const list = publicRoute({
  method: "get",
  path: "/api/events",
  tags,
  summary: "List events with filters, sorting and pagination",
  operationId: "listEvents",
  description:
    "Public. `status` is derived from the dates at read time, so `?status=completed` finds events that have ended. `q` matches titles case-insensitively.",
  request: { query: EventListQuery },
  responses: {
    200: jsonContent(EventListSchema, "A page of events"),
    ...problems({ 422: "Invalid query parameters" }),
  },
});

export const get = publicRoute({
  method: "get",
  path: "/api/events/{id}",
  tags,
  summary: "One event with its live seat counts",
  operationId: "getEvent",
  description: "Public. Seat counts reflect every booking call that has answered.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(EventSchema, "The event"),
    ...problems({ 404: "Unknown event (event_not_found)" }),
  },
});

const updateRoute = (method: "patch" | "put") =>
  callerRoute(organizerOnly, {
    method,
    path: "/api/events/{id}",
    tags,
    summary: `Change some fields of an event (${method.toUpperCase()} is a partial update)`,
    operationId: `${method}Event`,
    description:
      "Only the event's organizer. Send at least one field. Lowering `capacity` below the " +
      "confirmed seats is refused; raising it promotes waitlisted bookings in order. " +
      "`status` may be set to `scheduled` or `cancelled` only.",
    request: { params: IdParam, body: jsonBody(UpdateEventBody) },
    responses: {
      200: jsonContent(EventSchema, "The updated event"),
      ...problems({
        ...bodyProblems,
        401: "Missing or invalid token",
        403: "Not the event's organizer (forbidden)",
        404: "Unknown event (event_not_found)",
        409: "Capacity below confirmed bookings (capacity_below_booked)",
        503: "The event is overloaded (overloaded)",
      }),
    },
  });

export const patch = updateRoute("patch");
export const put = updateRoute("put");

export const remove = callerRoute(organizerOnly, {
  method: "delete",
  path: "/api/events/{id}",
  tags,
  summary: "Delete an event and its bookings",
  operationId: "deleteEvent",
  description: "Only the event's organizer. Its bookings are deleted with it.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(MessageSchema, "Event deleted"),
    ...problems({
      401: "Missing or invalid token",
      403: "Not the event's organizer (forbidden)",
      404: "Unknown event (event_not_found)",
    }),
  },
});

export const bookings = callerRoute(organizerOnly, {
  method: "get",
  path: "/api/events/{id}/bookings",
  tags,
  summary: "The bookings of one of your events",
  operationId: "listEventBookings",
  description:
    "Only the event's organizer; filter with `?status=` and `?paymentStatus=` (`refund_failed` lists the refunds to follow up by hand).",
  request: { params: IdParam, query: ScopedBookingListQuery },
  responses: {
    200: jsonContent(BookingListSchema, "A page of the event's bookings"),
    ...problems({
      401: "Missing or invalid token",
      403: "Not the event's organizer (forbidden)",
      404: "Unknown event (event_not_found)",
      422: "Invalid query parameters",
    }),
  },
});
