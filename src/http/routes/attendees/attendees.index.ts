import { createRouter } from "../../router";
import * as handlers from "./attendees.handlers";
import * as routes from "./attendees.routes";

export const attendeesRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.patch, handlers.patch)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.bookings, handlers.bookings);
