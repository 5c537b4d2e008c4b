import type { ContentfulStatusCode } from "hono/utils/http-status";

const CATALOGUE = {
  invalid_json: [400, "Malformed JSON body"],
  invalid_signature: [400, "Invalid signature"],
  unauthorized: [401, "Authentication required"],
  invalid_credentials: [401, "Invalid email or password"],
  forbidden: [403, "Forbidden"],
  admission_invalid: [403, "Admission pass not valid"],
  not_found: [404, "Not found"],
  event_not_found: [404, "Event not found"],
  attendee_not_found: [404, "Attendee not found"],
  booking_not_found: [404, "Booking not found"],
  organizer_not_found: [404, "Organizer not found"],
  webhook_not_found: [404, "Webhook not found"],
  email_taken: [409, "Email already registered"],
  attendee_exists: [409, "Attendee already registered"],
  event_full: [409, "Event is fully booked"],
  already_booked: [409, "Attendee already booked this event"],
  already_cancelled: [409, "Booking already cancelled"],
  event_not_bookable: [409, "Event is not open for booking"],
  capacity_below_booked: [409, "Capacity below confirmed bookings"],
  sales_not_open: [409, "Sales have not opened yet"],
  sales_closed: [409, "Sales are closed"],
  request_in_progress: [409, "Request still in progress"],
  hold_expired: [409, "Hold expired"],
  payment_required: [409, "Payment required"],
  ticket_type_in_use: [409, "Ticket type in use"],
  promo_code_exhausted: [409, "Promo code used up"],
  admission_expired: [409, "Admission pass expired"],
  payload_too_large: [413, "Payload too large"],
  unsupported_media_type: [415, "Unsupported media type"],
  upgrade_required: [426, "WebSocket upgrade required"],
  validation_failed: [422, "Validation failed"],
  admission_required: [428, "Admission pass required"],
  ticket_type_hidden: [422, "Ticket type not on sale to this caller"],
  promo_code_invalid: [422, "Promo code not valid"],
  idempotency_key_reused: [422, "Idempotency key reused with a different request"],
  rate_limited: [429, "Too many requests"],
  misconfigured: [500, "Server misconfigured"],
  internal_error: [500, "Internal server error"],
  overloaded: [503, "Service overloaded"],
} as const satisfies Record<string, readonly [ContentfulStatusCode, string]>;

export type ProblemCode = keyof typeof CATALOGUE;
export const PROBLEM_CODES = Object.keys(CATALOGUE) as ProblemCode[];

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: FieldError[];
}

/** An RFC 9457 problem, thrown anywhere and rendered once by the app's error handler. */
export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  readonly title: string;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    const [status, title] = CATALOGUE[code];
    super(detail);
    this.status = status;
    this.title = title;
  }

  toJSON(): ProblemBody {
    const body: ProblemBody = {
      type: "about:blank",
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
    };
    if (this.options.errors) body.errors = this.options.errors;
    return body;
  }

  /** A 401 names the scheme to authenticate with (RFC 9110, RFC 6750). */
  toResponse(): Response {
    const challenge: Record<string, string> =
      this.status === 401 ? { "WWW-Authenticate": "Bearer" } : {};
    return new Response(JSON.stringify(this.toJSON()), {
      status: this.status,
      headers: {
        "Content-Type": "application/problem+json",
        ...challenge,
        ...this.options.headers,
      },
    });
  }
}

/** What an HTTP status thrown by a library (Hono's HTTPException) means in this API. */
const LIBRARY_STATUSES: Partial<Record<number, ProblemCode>> = {
  400: "invalid_json",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  429: "rate_limited",
  503: "overloaded",
};

/** The problem a library's status stands for, or null when it has no place in the contract. */
export const problemForStatus = (status: number, detail: string): Problem | null => {
  const code = LIBRARY_STATUSES[status];
  return code ? new Problem(code, detail || CATALOGUE[code][1]) : null;
};

export const problem = (code: ProblemCode, detail: string, options?: Problem["options"]) =>
  new Problem(code, detail, options);
