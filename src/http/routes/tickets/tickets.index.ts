import { createRouter } from "../../router";
import * as handlers from "./tickets.handlers";
import * as routes from "./tickets.routes";

export const ticketsRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.calendar, handlers.calendar)
  .openapi(routes.revoked, handlers.revoked)
  .openapi(routes.checkIn, handlers.checkIn)
  .openapi(routes.checkInBatch, handlers.checkInBatch)
  .openapi(routes.keySet, handlers.keySet)
  .openapi(routes.page, handlers.page);
