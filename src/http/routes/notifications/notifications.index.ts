import { createRouter } from "../../router";
import * as handlers from "./notifications.handlers";
import * as routes from "./notifications.routes";

export const notificationsRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.preview, handlers.preview)
  .openapi(routes.preferences, handlers.preferences)
  .openapi(routes.addDevice, handlers.addDevice)
  .openapi(routes.removeDevice, handlers.removeDevice)
  .openapi(routes.streamTicket, handlers.streamTicket);
