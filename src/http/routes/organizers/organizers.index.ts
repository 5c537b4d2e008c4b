import { createRouter } from "../../router";
import * as handlers from "./organizers.handlers";
import * as routes from "./organizers.routes";

export const organizersRouter = createRouter()
  .openapi(routes.get, handlers.get)
  .openapi(routes.follow, handlers.follow)
  .openapi(routes.unfollow, handlers.unfollow)
  .openapi(routes.following, handlers.following);
