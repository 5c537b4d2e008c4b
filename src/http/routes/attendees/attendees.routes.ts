import { requireCaller } from "../../auth";
import { limitAttendeeRegistrations } from "../../rate-limit";
import { callerRoute, publicRoute } from "../../route";
import {
  AttendeeCreatedSchema,
  AttendeeListQuery,
  AttendeeListSchema,
  AttendeeSchema,
  CreateAttendeeBody,
  UpdateAttendeeBody,
} from "../../schemas/attendees";
import { BookingListSchema, ScopedBookingListQuery } from "../../schemas/bookings";
import {
  attendeeSelfProblems,
  bodyProblems,
  IdParam,
  jsonBody,
  jsonContent,
  MessageSchema,
  problems,
} from "../../schemas/common";

const tags = ["Attendees"];

export const create = publicRoute(
  {
    method: "post",
    path: "/api/attendees",
    tags,
    summary: "Register as an attendee (no authentication)",
    operationId: "createAttendee",
    description:
      "Answers the attendee and an opaque token, shown only here, that authorizes this attendee alone. Limited per client address.",
    request: { body: jsonBody(CreateAttendeeBody) },
    responses: {
      201: {
        ...jsonContent(AttendeeCreatedSchema, "The attendee and their token"),
        headers: { Location: { schema: { type: "string" } } },
      },
      ...problems({
        ...bodyProblems,
        409: "Email already registered (attendee_exists)",
        429: "Over 20 attendee registrations a minute from this client (rate_limited); see Retry-After",
      }),
    },
  },
  limitAttendeeRegistrations(),
);

export const list = callerRoute(requireCaller("organizer"), {
  method: "get",
  path: "/api/attendees",
  tags,
  summary: "List attendees (organizers)",
  operationId: "listAttendees",
  description:
    "Organizers only: the attendees who booked one of the caller's events themselves (bookings the organizer placed for them do not count). `q` matches name or email.",
  request: { query: AttendeeListQuery },
  responses: {
    200: jsonContent(AttendeeListSchema, "A page of attendees"),
    ...problems({
      401: "Missing or invalid token",
      403: "Not an organizer",
      422: "Invalid query parameters",
    }),
  },
});

export const get = callerRoute(requireCaller("attendee", "organizer"), {
  method: "get",
  path: "/api/attendees/{id}",
  tags,
  summary: "One attendee (that attendee, or an organizer whose event they booked)",
  operationId: "getAttendee",
  description:
    "That attendee, or an organizer of an event the attendee booked themselves; any other organizer gets 404.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(AttendeeSchema, "The attendee"),
    ...problems(attendeeSelfProblems),
  },
});

export const patch = callerRoute(requireCaller("attendee"), {
  method: "patch",
  path: "/api/attendees/{id}",
  tags,
  summary: "Change your name, email or locale",
  operationId: "updateAttendee",
  description: "That attendee only. Send at least one field.",
  request: { params: IdParam, body: jsonBody(UpdateAttendeeBody) },
  responses: {
    200: jsonContent(AttendeeSchema, "The updated attendee"),
    ...problems({ ...bodyProblems, ...attendeeSelfProblems, 409: "Email already registered" }),
  },
});

export const remove = callerRoute(requireCaller("attendee"), {
  method: "delete",
  path: "/api/attendees/{id}",
  tags,
  summary: "Delete your registration; active bookings are cancelled first",
  operationId: "deleteAttendee",
  description: "That attendee only. Freed seats go to the waitlist, so no seat is lost.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(MessageSchema, "Attendee deleted"),
    ...problems({ ...attendeeSelfProblems, 503: "An event is overloaded (overloaded)" }),
  },
});

export const bookings = callerRoute(requireCaller("attendee", "organizer"), {
  method: "get",
  path: "/api/attendees/{id}/bookings",
  tags,
  summary: "An attendee's bookings (that attendee, or an organizer for their own events)",
  operationId: "listAttendeeBookings",
  description: "Paginated, newest first; filter with `?status=`.",
  request: { params: IdParam, query: ScopedBookingListQuery },
  responses: {
    200: jsonContent(BookingListSchema, "A page of the attendee's bookings"),
    ...problems({ ...attendeeSelfProblems, 422: "Invalid query parameters" }),
  },
});
