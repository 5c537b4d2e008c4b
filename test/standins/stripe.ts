import { bearer, json, type Provider, type StandInRequest } from "./http.ts";
import { STRIPE } from "./keys.ts";
import { parseForm } from "./stripe-form.ts";
import {
  checkoutSession,
  type Outcome,
  type StripeError,
  type StripeObject,
  stripeId,
} from "./stripe-objects.ts";

/** The test account's state, as Stripe would keep it, for the whole run. */
const sessions = new Map<string, StripeObject>();
const refunds = new Map<string, StripeObject>();
/** Paid PaymentIntents: amount and currency, as a refund needs them. */
const intents = new Map<string, { amount: number; currency: string }>();
const replays = new Map<string, { fingerprint: string; response: Outcome }>();

const answer = (outcome: Outcome, headers: Record<string, string> = {}) => {
  if (!("type" in outcome)) return json(outcome.status, outcome.body, headers);
  const { status, ...error } = outcome;
  return json(status, { error }, headers);
};

const notFound = (kind: string, id: string): StripeError => ({
  status: 404,
  type: "invalid_request_error",
  code: "resource_missing",
  param: "id",
  message: `No such ${kind}: '${id}'`,
});

const createRefund = (form: Record<string, unknown>): Outcome => {
  const intent = typeof form.payment_intent === "string" ? form.payment_intent : "";
  if (!intent) {
    return {
      status: 400,
      type: "invalid_request_error",
      code: "parameter_missing",
      param: "payment_intent",
      message: "Missing required param: payment_intent.",
    };
  }
  const paid = intents.get(intent);
  if (!paid) return { ...notFound("payment_intent", intent), status: 400, param: "payment_intent" };
  if ([...refunds.values()].some((refund) => refund.payment_intent === intent)) {
    return {
      status: 400,
      type: "invalid_request_error",
      code: "charge_already_refunded",
      message: `Charge for ${intent} has already been refunded.`,
    };
  }
  const refund = {
    id: stripeId("re"),
    object: "refund",
    status: "succeeded",
    payment_intent: intent,
    ...paid,
    metadata: form.metadata ?? {},
    created: Math.floor(Date.now() / 1000),
  };
  refunds.set(refund.id, refund);
  return { status: 200, body: refund };
};

/** Only an open session can be expired, as Stripe answers. */
const expireSession = (sessionId: string): Outcome => {
  const session = sessions.get(sessionId);
  if (!session) return notFound("checkout.session", sessionId);
  if (session.status !== "open") {
    return {
      status: 400,
      type: "invalid_request_error",
      message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
    };
  }
  session.status = "expired";
  return { status: 200, body: session };
};

const list = (url: string, data: StripeObject[]): Outcome => ({
  status: 200,
  body: { object: "list", url, has_more: false, data },
});

const post = (path: string, body: string): Outcome => {
  const form = parseForm(body);
  if (!form) return { status: 400, type: "invalid_request_error", message: "Invalid form body." };
  if (path === "/v1/checkout/sessions") {
    const outcome = checkoutSession(form);
    if (!("type" in outcome)) sessions.set(String(outcome.body.id), outcome.body);
    return outcome;
  }
  if (path === "/v1/refunds") return createRefund(form);
  const expiring = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path)?.[1];
  if (expiring) return expireSession(expiring);
  return {
    status: 404,
    type: "invalid_request_error",
    message: `Unrecognized request URL (POST: ${path}).`,
  };
};

const get = (url: URL): Outcome => {
  const sessionId = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname)?.[1];
  if (sessionId) {
    const session = sessions.get(sessionId);
    return session ? { status: 200, body: session } : notFound("checkout.session", sessionId);
  }
  if (url.pathname === "/v1/refunds") {
    const intent = url.searchParams.get("payment_intent");
    return list(
      "/v1/refunds",
      [...refunds.values()].filter((r) => !intent || r.payment_intent === intent),
    );
  }
  return {
    status: 404,
    type: "invalid_request_error",
    message: `Unrecognized request URL (GET: ${url.pathname}).`,
  };
};

const unauthorized = (request: StandInRequest) =>
  answer({
    status: 401,
    type: "invalid_request_error",
    message: bearer(request)
      ? "Invalid API Key provided: sk_test_****"
      : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.",
  });

/** The same key again: the first answer again, or a refusal when the request differs. */
const idempotentPost = (request: StandInRequest, path: string): Response => {
  const key = request.headers["idempotency-key"];
  if (!key) return answer(post(path, request.body));
  const fingerprint = `${path}\n${request.body}`;
  const earlier = replays.get(key);
  if (earlier && earlier.fingerprint !== fingerprint) {
    return answer({
      status: 400,
      type: "idempotency_error",
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  if (earlier) return answer(earlier.response, { "Idempotent-Replayed": "true" });
  const response = post(path, request.body);
  replays.set(key, { fingerprint, response });
  return answer(response, { "Idempotency-Key": key });
};

/**
 * Failures a test injects, for requests that mention `match` (an event or booking id) in
 * their URL, their body or the metadata of the session they name: the next `failNext`
 * such requests fail, then each fails with probability `failRate`; `hang` never answers;
 * `loseAnswer` does what was asked but answers 500, as a connection lost on the way back.
 */
interface Fault {
  match: string;
  failNext: number;
  failRate: number;
  hang: boolean;
  loseAnswer: boolean;
}
const faults = new Map<string, Fault>();

const faultFor = (request: StandInRequest): Fault | undefined => {
  const sessionId = /\/v1\/checkout\/sessions\/([^/]+)/.exec(request.url)?.[1];
  const metadata = JSON.stringify(sessionId ? (sessions.get(sessionId)?.metadata ?? {}) : {});
  const text = `${decodeURIComponent(request.url)}\n${decodeURIComponent(request.body)}\n${metadata}`;
  for (const fault of faults.values()) if (text.includes(fault.match)) return fault;
  return undefined;
};

const injected = (request: StandInRequest): Promise<Response> | Response | null => {
  const fault = faultFor(request);
  if (!fault) return null;
  if (fault.hang) return new Promise<Response>(() => {});
  const fails = fault.failNext > 0 || Math.random() < fault.failRate;
  if (!fails) return null;
  if (fault.failNext > 0) fault.failNext--;
  if (fault.loseAnswer && request.method === "POST") {
    idempotentPost(request, new URL(request.url).pathname);
  }
  return answer({ status: 500, type: "api_error", message: "An injected failure." });
};

/** `POST http://standin.test/stripe/faults` `{ match, failNext?, failRate?, hang? }`; `{ match, clear: true }` ends it. */
export const stripeFaults = async (request: Request): Promise<Response> => {
  const body = (await request.json()) as Partial<Fault> & { match: string; clear?: boolean };
  if (body.clear) faults.delete(body.match);
  else {
    faults.set(body.match, {
      match: body.match,
      failNext: body.failNext ?? 0,
      failRate: body.failRate ?? 0,
      hang: body.hang ?? false,
      loseAnswer: body.loseAnswer ?? false,
    });
  }
  return json(200, { faults: faults.size });
};

/** Stripe's API for Checkout Sessions and Refunds, as `api.stripe.com` answers them. */
export const stripeApi: Provider = (request) => {
  const url = new URL(request.url);
  if (bearer(request) !== STRIPE.secretKey) return unauthorized(request);
  const failure = injected(request);
  if (failure) return failure;
  if (request.method === "GET") return answer(get(url));
  if (request.method !== "POST") return answer(post(`${request.method} ${url.pathname}`, ""));
  const mediaType = request.headers["content-type"]?.split(";")[0]?.trim();
  if (mediaType !== "application/x-www-form-urlencoded") {
    return answer({
      status: 400,
      type: "invalid_request_error",
      message: "Send the body form-encoded (application/x-www-form-urlencoded).",
    });
  }
  return idempotentPost(request, url.pathname);
};

/**
 * `POST http://standin.test/stripe/checkout/{id}/pay`: the attendee pays on Stripe's page.
 * Answers the completed session, the `data.object` of the event Stripe would then send.
 */
export const stripeControl = (url: URL): Response => {
  const sessionId = /^\/stripe\/checkout\/([^/]+)\/pay$/.exec(url.pathname)?.[1] ?? "";
  const session = sessions.get(sessionId);
  if (!session) return answer(notFound("checkout.session", sessionId));
  if (session.status === "expired") {
    return answer({ status: 409, type: "invalid_request_error", message: "This session expired." });
  }
  if (session.status !== "complete") {
    const intent = stripeId("pi");
    intents.set(intent, {
      amount: Number(session.amount_total),
      currency: String(session.currency),
    });
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: intent });
  }
  return json(200, session);
};
