import { createRouter } from "../../router";
import * as handlers from "./sandbox.handlers";
import * as routes from "./sandbox.routes";

export const sandboxRouter = createRouter()
  .openapi(routes.checkout, handlers.checkout)
  .openapi(routes.pay, handlers.pay)
  .openapi(routes.decline, handlers.decline)
  .openapi(routes.paymentReturn, handlers.paymentReturn);
