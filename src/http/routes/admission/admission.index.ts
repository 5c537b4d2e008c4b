import { createRouter } from "../../router";
import * as handlers from "./admission.handlers";
import * as routes from "./admission.routes";

export const admissionRouter = createRouter()
  .openapi(routes.join, handlers.join)
  .openapi(routes.summary, handlers.summary)
  .openapi(routes.entry, handlers.entry);
