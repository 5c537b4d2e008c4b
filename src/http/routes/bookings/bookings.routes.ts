import { BookingSchema, CancellationSchema } from "../../../contracts/booking";
import { requireCaller } from "../../auth";
import { requireBearer } from "../../pending-caller";
import { callerRoute } from "../../route";
import {
  BookingHeaders,
  BookingListQuery,
  BookingListSchema,
  CreateBookingBody,
} from "../../schemas/bookings";
import {
  bareBodyProblems,
  bodyProblems,
  IdParam,
  jsonBody,
  jsonContent,
  problems,
} from "../../schemas/common";

const tags = ["Bookings"];
const eitherCaller = requireCaller("attendee", "organizer");
const accessProblems = {
  401: "Missing or invalid token",
  403: "Neither the booking's attendee nor the event's organizer (forbidden)",
  404: "Unknown booking (booking_not_found)",
} as const;

export const create = callerRoute(requireBearer(), {
  method: "post",
  path: "/api/bookings",
  tags,
  summary: "Book seats, hold them, or join the waitlist when they do not fit",
  operationId: "createBooking",
  description:
    "The attendee books for themselves, or the event's organizer books for an attendee. " +
    "Send an Idempotency-Key to retry safely. An event with `queueEnabled` books only with " +
    "an admission pass from its queue (header Admission-Pass), and each pass books once.",
  request: { headers: BookingHeaders, body: jsonBody(CreateBookingBody) },
  responses: {
    201: {
      ...jsonContent(
        BookingSchema,
        "Booked: confirmed, pending until expiresAt, or waitlisted with its position",
      ),
      headers: { Location: { schema: { type: "string" } } },
    },
    ...problems({
      ...bodyProblems,
      401: "Missing or invalid token",
      403: "Booking for someone else (forbidden), or an admission pass forged or issued to another attendee or event (admission_invalid)",
      404: "Unknown event or attendee (event_not_found, attendee_not_found)",
      409: "event_full, already_booked, event_not_bookable, request_in_progress, or an admission pass expired or used (admission_expired)",
      428: "The event's queue is on and no Admission-Pass was sent (admission_required)",
      422: "Invalid fields, more seats than the event allows or a total (price × seats) over 99,999,999 minor units (path seats), or an Idempotency-Key reused with another body (idempotency_key_reused)",
      413: "Body over 64 KiB",
      415: "Body is not JSON",
      500: "A paid event while only one of Stripe's secrets is set (misconfigured); nothing is held",
      503: "The event is overloaded (overloaded); retry after Retry-After",
    }),
  },
});

export const list = callerRoute(eitherCaller, {
  method: "get",
  path: "/api/bookings",
  tags,
  summary: "Your bookings (attendee) or the bookings of your events (organizer)",
  operationId: "listBookings",
  description: "Filter with `?eventId=` and `?status=`.",
  request: { query: BookingListQuery },
  responses: {
    200: jsonContent(BookingListSchema, "A page of bookings"),
    ...problems({ 401: "Missing or invalid token", 422: "Invalid query parameters" }),
  },
});

export const get = callerRoute(requireBearer(), {
  method: "get",
  path: "/api/bookings/{id}",
  tags,
  summary: "One booking",
  operationId: "getBooking",
  description: "The booking's attendee or the event's organizer.",
  request: { params: IdParam },
  responses: { 200: jsonContent(BookingSchema, "The booking"), ...problems(accessProblems) },
});

export const confirm = callerRoute(requireBearer(), {
  method: "post",
  path: "/api/bookings/{id}/confirm",
  tags,
  summary: "Confirm a pending booking before its hold expires",
  operationId: "confirmBooking",
  description:
    "The booking's attendee or the event's organizer confirms the held seats of a free " +
    "event, with a bare POST; a booking already confirmed is answered unchanged. A paid " +
    "event's booking is confirmed only by its payment.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(BookingSchema, "The booking, confirmed"),
    ...problems({
      ...bareBodyProblems,
      ...accessProblems,
      409: "hold_expired, already_cancelled, payment_required, or event_full while waitlisted",
      503: "The event is overloaded (overloaded)",
    }),
  },
});

export const remove = callerRoute(requireBearer(), {
  method: "delete",
  path: "/api/bookings/{id}",
  tags,
  summary: "Cancel a booking; freed seats go to the head of the waitlist",
  operationId: "cancelBooking",
  description:
    "The booking's attendee or the event's organizer. `promotions` lists every waitlisted booking that took the freed seats, in waitlist order; `promoted` is the first of them, or null.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(CancellationSchema, "Cancelled, with the booking promoted in its place"),
    ...problems({
      ...accessProblems,
      409: "Already cancelled (already_cancelled), or a hold already expired (hold_expired)",
      503: "The event is overloaded (overloaded)",
    }),
  },
});
