import { randomBytes } from "node:crypto";
import { bearer, json, type Provider, parseJson, type StandInRequest } from "./http.ts";
import { nowInSeconds, verifyJws } from "./jws.ts";
import { FCM } from "./keys.ts";

const TOKEN_URL = "https://oauth2.googleapis.com/token";
const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** Access tokens this stand-in issued, with the account and the time they lapse. */
const issued = new Map<string, { account: string; expiresAt: number }>();

const grantError = (error: string, description: string) =>
  json(400, { error, error_description: description });

/** The account a valid assertion speaks for, or why Google would refuse it. */
const checkAssertion = (assertion: string): { account: string } | { problem: string } => {
  const jws = verifyJws(assertion, "RS256", FCM.publicKey);
  if (!jws) return { problem: "Invalid JWT Signature." };
  const { iss, scope, aud, iat, exp } = jws.claims;
  const now = nowInSeconds();
  if (typeof iss !== "string" || !iss.endsWith(FCM.accountDomain)) {
    return { problem: "Invalid issuer." };
  }
  if (typeof scope !== "string" || !scope.split(" ").includes(SCOPE)) {
    return { problem: "Invalid OAuth scope." };
  }
  if (aud !== TOKEN_URL) return { problem: "Invalid JWT: wrong audience." };
  if (typeof iat !== "number" || typeof exp !== "number" || iat > now + 60 || exp <= now) {
    return {
      problem: "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.",
    };
  }
  if (exp - iat > 3600) return { problem: "Invalid JWT: lifetime exceeds 60 minutes." };
  return { account: iss };
};

/** Google's OAuth 2.0 token endpoint, for the JWT bearer grant of service accounts. */
export const fcmTokenEndpoint: Provider = (request) => {
  if (request.method !== "POST") return json(405, { error: "invalid_request" });
  if (!request.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) {
    return grantError("invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(request.body);
  if (form.get("grant_type") !== JWT_BEARER) {
    return grantError("unsupported_grant_type", `Invalid grant_type: ${form.get("grant_type")}`);
  }
  const checked = checkAssertion(form.get("assertion") ?? "");
  if ("problem" in checked) return grantError("invalid_grant", checked.problem);
  const accessToken = `ya29.test-${randomBytes(24).toString("base64url")}`;
  issued.set(accessToken, { account: checked.account, expiresAt: Date.now() + 3599_000 });
  return json(200, { access_token: accessToken, expires_in: 3599, token_type: "Bearer" });
};

const fcmError = (code: number, status: string, message: string, details: unknown[] = []) =>
  json(code, { error: { code, message, status, details } });

const isStringMap = (value: unknown): boolean =>
  value === undefined ||
  (typeof value === "object" &&
    value !== null &&
    Object.values(value).every((v) => typeof v === "string"));

/** Why FCM would reject this message body as INVALID_ARGUMENT, or null. */
const messageProblem = (body: Record<string, unknown> | null): string | null => {
  const message = body?.message as Record<string, any> | undefined;
  if (!message || typeof message !== "object")
    return "Invalid JSON payload received. Missing message.";
  if (typeof message.token !== "string" || !message.token)
    return "Recipient of the message is not set.";
  const { title, body: text } = message.notification ?? {};
  if (typeof title !== "string" || typeof text !== "string")
    return "Invalid value at 'message.notification'.";
  if (!isStringMap(message.data)) return "Invalid value at 'message.data': values must be strings.";
  return null;
};

/** The documented answers for a device token, chosen by what the test token contains. */
const tokenAnswer = (token: string, project: string): Response => {
  if (token.includes("dead")) {
    return fcmError(404, "NOT_FOUND", "Requested entity was not found.", [
      { "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: "UNREGISTERED" },
    ]);
  }
  if (token.includes("malformed")) {
    return fcmError(
      400,
      "INVALID_ARGUMENT",
      "The registration token is not a valid FCM registration token",
      [
        {
          "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
          errorCode: "INVALID_ARGUMENT",
        },
        {
          "@type": "type.googleapis.com/google.rpc.BadRequest",
          fieldViolations: [{ field: "message.token", description: "Invalid registration token" }],
        },
      ],
    );
  }
  if (token.includes("unavailable"))
    return fcmError(503, "UNAVAILABLE", "The service is currently unavailable.");
  return json(200, {
    name: `projects/${project}/messages/0:${Date.now()}%${randomBytes(8).toString("hex")}`,
  });
};

const authenticated = (request: StandInRequest): boolean => {
  const grant = issued.get(bearer(request) ?? "");
  return grant !== undefined && grant.expiresAt > Date.now();
};

/** FCM HTTP v1 `projects.messages.send`. */
export const fcmSend: Provider = (request) => {
  const project = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(
    new URL(request.url).pathname,
  )?.[1];
  if (request.method !== "POST" || !project) return fcmError(404, "NOT_FOUND", "Not found.");
  if (!authenticated(request)) {
    return fcmError(
      401,
      "UNAUTHENTICATED",
      "Request had invalid authentication credentials. Expected OAuth 2 access token.",
    );
  }
  if (project !== FCM.projectId)
    return fcmError(403, "PERMISSION_DENIED", "Permission denied on project.");
  const body = parseJson(request.body);
  const problem = messageProblem(body);
  if (problem) return fcmError(400, "INVALID_ARGUMENT", problem);
  return tokenAnswer(String((body?.message as { token?: unknown } | undefined)?.token), project);
};
