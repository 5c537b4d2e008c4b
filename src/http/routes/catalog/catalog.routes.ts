import { PromoCodeSchema, TicketTypeSchema } from "../../../contracts/catalog";
import { requireCaller } from "../../auth";
import { callerRoute, publicRoute } from "../../route";
import {
  CreatePromoCodeBody,
  CreateTicketTypeBody,
  PromoCodeListSchema,
  PromoCodeParams,
  TicketTypeListQuery,
  TicketTypeListSchema,
  TicketTypeParams,
  UpdateTicketTypeBody,
} from "../../schemas/catalog";
import { bodyProblems, IdParam, jsonBody, jsonContent, problems } from "../../schemas/common";

const tags = ["Ticket types and promo codes"];
const organizerOnly = requireCaller("organizer");

const ownerProblems = {
  401: "Missing or invalid token",
  403: "Not the event's organizer (forbidden)",
  404: "Unknown event (event_not_found)",
} as const;

export const listTypes = publicRoute({
  method: "get",
  path: "/api/events/{id}/ticket-types",
  tags,
  summary: "The event's ticket types",
  operationId: "listTicketTypes",
  description:
    "Public, in `position` order. Hidden types are listed for the event's organizer (send its token) and for `?promoCode=` a live code that unlocks them.",
  request: { params: IdParam, query: TicketTypeListQuery },
  responses: {
    200: jsonContent(TicketTypeListSchema, "The types"),
    ...problems({
      401: "A token was sent and is invalid",
      404: "Unknown event (event_not_found)",
      422: "Invalid parameters",
    }),
  },
});

export const createType = callerRoute(organizerOnly, {
  method: "post",
  path: "/api/events/{id}/ticket-types",
  tags,
  summary: "Add a ticket type",
  operationId: "createTicketType",
  description:
    "The event's organizer. A paid type needs the event's currency and a price at least the provider's minimum charge; its sale window narrows the event's.",
  request: { params: IdParam, body: jsonBody(CreateTicketTypeBody) },
  responses: {
    201: jsonContent(TicketTypeSchema, "The new type"),
    ...problems({ ...bodyProblems, ...ownerProblems }),
  },
});

export const updateType = callerRoute(organizerOnly, {
  method: "patch",
  path: "/api/events/{id}/ticket-types/{typeId}",
  tags,
  summary: "Change a ticket type",
  operationId: "updateTicketType",
  description:
    "The event's organizer. Bookings keep the price they were placed at. A quota may not go below the type's confirmed and held seats (capacity_below_booked).",
  request: { params: TicketTypeParams, body: jsonBody(UpdateTicketTypeBody) },
  responses: {
    200: jsonContent(TicketTypeSchema, "The type"),
    ...problems({
      ...bodyProblems,
      ...ownerProblems,
      404: "Unknown event or type (event_not_found, not_found)",
      409: "The quota would go below the seats taken (capacity_below_booked)",
    }),
  },
});

export const removeType = callerRoute(organizerOnly, {
  method: "delete",
  path: "/api/events/{id}/ticket-types/{typeId}",
  tags,
  summary: "Delete a ticket type",
  operationId: "deleteTicketType",
  description:
    "The event's organizer. Refused while the type has active bookings, and for an event's last type (ticket_type_in_use).",
  request: { params: TicketTypeParams },
  responses: {
    200: jsonContent(TicketTypeSchema, "The type as it was"),
    ...problems({
      ...ownerProblems,
      404: "Unknown event or type (event_not_found, not_found)",
      409: "Active bookings hold it, or it is the last type (ticket_type_in_use)",
      422: "Invalid parameters",
    }),
  },
});

export const listCodes = callerRoute(organizerOnly, {
  method: "get",
  path: "/api/events/{id}/promo-codes",
  tags,
  summary: "The event's promo codes",
  operationId: "listPromoCodes",
  description: "The event's organizer; deleted codes are left out.",
  request: { params: IdParam },
  responses: {
    200: jsonContent(PromoCodeListSchema, "The codes, oldest first"),
    ...problems({ ...ownerProblems, 422: "Invalid parameters" }),
  },
});

export const createCode = callerRoute(organizerOnly, {
  method: "post",
  path: "/api/events/{id}/promo-codes",
  tags,
  summary: "Create a promo code",
  operationId: "createPromoCode",
  description:
    "The event's organizer. A use is counted per active booking and given back when it is cancelled or expires; `maxUses` is never exceeded.",
  request: { params: IdParam, body: jsonBody(CreatePromoCodeBody) },
  responses: {
    201: jsonContent(PromoCodeSchema, "The new code"),
    ...problems({ ...bodyProblems, ...ownerProblems }),
  },
});

export const removeCode = callerRoute(organizerOnly, {
  method: "delete",
  path: "/api/events/{id}/promo-codes/{codeId}",
  tags,
  summary: "Delete a promo code",
  operationId: "deletePromoCode",
  description:
    "The event's organizer. The code takes no new uses; bookings that used it keep their price.",
  request: { params: PromoCodeParams },
  responses: {
    200: jsonContent(PromoCodeSchema, "The code as it was"),
    ...problems({
      ...ownerProblems,
      404: "Unknown event or code (event_not_found, not_found)",
      422: "Invalid parameters",
    }),
  },
});
