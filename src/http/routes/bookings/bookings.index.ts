import { createRouter } from "../../router";
import * as handlers from "./bookings.handlers";
import * as routes from "./bookings.routes";

export const bookingsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.confirm, handlers.confirm)
  .openapi(routes.remove, handlers.remove);
