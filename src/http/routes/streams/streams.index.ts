import { createRouter } from "../../router";
import * as handlers from "./streams.handlers";
import * as routes from "./streams.routes";

export const streamsRouter = createRouter()
  .openapi(routes.notifications, handlers.notifications)
  .openapi(routes.live, handlers.live)
  .openapi(routes.queue, handlers.queue);
