import { createRouter } from "../../router";
import * as handlers from "./payments.handlers";
import * as routes from "./payments.routes";

export const paymentsRouter = createRouter().openapi(routes.stripeWebhook, handlers.stripeWebhook);
