import { createRouter } from "../../router";
import * as handlers from "./events.handlers";
import * as routes from "./events.routes";

export const eventsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.patch, handlers.patch)
  .openapi(routes.put, handlers.put)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.bookings, handlers.bookings);
