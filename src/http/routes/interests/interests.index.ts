import { createRouter } from "../../router";
import * as handlers from "./interests.handlers";
import * as routes from "./interests.routes";

export const interestsRouter = createRouter()
  .openapi(routes.add, handlers.add)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.list, handlers.list);
