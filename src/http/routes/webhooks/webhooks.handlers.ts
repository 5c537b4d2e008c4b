import { resolveLanguage } from "../../../domain/languages";
import { pageOf } from "../../../lib/page";
import { problem } from "../../../lib/problem";
import {
  createEndpoint,
  deleteEndpoint,
  findEndpoint,
  listDeliveries,
  listEndpoints,
  MAX_ENDPOINTS,
  retryDelivery,
  rotateSecret,
  sendTest,
  updateEndpoint,
} from "../../../webhooks/endpoints";
import { allowsLocal, webhookUrlProblem } from "../../../webhooks/url";
import { callerOf } from "../../auth";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./webhooks.routes";

const notFound = () => problem("webhook_not_found", "No webhook endpoint of yours has this id.");

const checkUrl = (env: Env, url: string | undefined) => {
  const reason = url === undefined ? null : webhookUrlProblem(url, allowsLocal(env));
  if (reason) {
    throw problem("validation_failed", "This URL cannot receive webhooks.", {
      errors: [{ path: "url", message: reason }],
    });
  }
};

/** Each handler acts on the caller's own endpoint: anyone else's is unknown, never forbidden. */
const ownEndpoint = async (env: Env, organizerId: string, id: string) => {
  const endpoint = await findEndpoint(env, organizerId, id);
  if (!endpoint) throw notFound();
  return endpoint;
};

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const { language, ...input } = c.req.valid("json");
  checkUrl(c.env, input.url);
  const spoken = language ?? resolveLanguage(c.req.header("accept-language") ?? "en");
  const created = await createEndpoint(c.env, callerOf(c).id, input, spoken);
  if (!created) {
    throw problem("validation_failed", `An organizer keeps at most ${MAX_ENDPOINTS} endpoints.`);
  }
  c.header("Location", `/api/webhooks/${created.id}`);
  return c.json(created, 201);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const paging = c.req.valid("query");
  const page = await listEndpoints(c.env, callerOf(c).id, paging);
  return c.json(pageOf(page.rows, paging, page.total), 200);
};

export const get: AppRouteHandler<typeof routes.get> = async (c) =>
  c.json(await ownEndpoint(c.env, callerOf(c).id, c.req.valid("param").id), 200);

export const update: AppRouteHandler<typeof routes.update> = async (c) => {
  const changes = c.req.valid("json");
  checkUrl(c.env, changes.url);
  const endpoint = await updateEndpoint(c.env, callerOf(c).id, c.req.valid("param").id, changes);
  if (!endpoint) throw notFound();
  return c.json(endpoint, 200);
};

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  if (!(await deleteEndpoint(c.env, callerOf(c).id, c.req.valid("param").id))) throw notFound();
  return c.json({ message: "Webhook endpoint deleted" }, 200);
};

export const rotate: AppRouteHandler<typeof routes.rotate> = async (c) => {
  const secret = await rotateSecret(c.env, callerOf(c).id, c.req.valid("param").id);
  if (!secret) throw notFound();
  return c.json({ secret }, 200);
};

export const deliveries: AppRouteHandler<typeof routes.deliveries> = async (c) => {
  const endpoint = await ownEndpoint(c.env, callerOf(c).id, c.req.valid("param").id);
  const { limit, offset, status } = c.req.valid("query");
  const page = await listDeliveries(c.env, endpoint.id, { limit, offset, status });
  return c.json(pageOf(page.rows, { limit, offset }, page.total), 200);
};

export const retry: AppRouteHandler<typeof routes.retry> = async (c) => {
  const { id, deliveryId } = c.req.valid("param");
  const endpoint = await ownEndpoint(c.env, callerOf(c).id, id);
  const delivery = await retryDelivery(c.env, endpoint.id, deliveryId);
  if (!delivery) throw problem("webhook_not_found", "This endpoint has no delivery with this id.");
  return c.json(delivery, 202);
};

export const test: AppRouteHandler<typeof routes.test> = async (c) => {
  const organizerId = callerOf(c).id;
  const endpoint = await ownEndpoint(c.env, organizerId, c.req.valid("param").id);
  const delivery = await sendTest(c.env, endpoint, organizerId);
  if (!delivery) throw notFound();
  return c.json(delivery, 202);
};
