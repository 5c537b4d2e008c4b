import { createRouter } from "../../router";
import * as handlers from "./catalog.handlers";
import * as routes from "./catalog.routes";

export const catalogRouter = createRouter()
  .openapi(routes.listTypes, handlers.listTypes)
  .openapi(routes.createType, handlers.createType)
  .openapi(routes.updateType, handlers.updateType)
  .openapi(routes.removeType, handlers.removeType)
  .openapi(routes.listCodes, handlers.listCodes)
  .openapi(routes.createCode, handlers.createCode)
  .openapi(routes.removeCode, handlers.removeCode);
