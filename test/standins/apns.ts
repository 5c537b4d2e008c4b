import { randomUUID } from "node:crypto";
import { bearer, json, type Provider, parseJson, type StandInRequest } from "./http.ts";
import { nowInSeconds, verifyJws } from "./jws.ts";
import { APNS } from "./keys.ts";

const PUSH_TYPES = [
  "alert",
  "background",
  "location",
  "voip",
  "complication",
  "fileprovider",
  "mdm",
  "liveactivity",
];
const MAX_PAYLOAD_BYTES = 4096;

const reason = (status: number, why: string) =>
  json(status, status === 410 ? { reason: why, timestamp: Date.now() } : { reason: why });

/** Apple's checks of a provider token: ES256, our key id, our team, at most an hour old. */
const tokenProblem = (request: StandInRequest): string | null => {
  const token = bearer(request);
  if (!token) return "MissingProviderToken";
  const jws = verifyJws(token, "ES256", APNS.publicKey);
  if (!jws || jws.header.kid !== APNS.keyId || jws.claims.iss !== APNS.teamId) {
    return "InvalidProviderToken";
  }
  const { iat } = jws.claims;
  if (typeof iat !== "number" || iat > nowInSeconds() + 60) return "InvalidProviderToken";
  return nowInSeconds() - iat > 3600 ? "ExpiredProviderToken" : null;
};

/** The request headers APNs requires, checked in the order Apple documents them. */
const headerProblem = ({ headers }: StandInRequest): string | null => {
  if (!headers["apns-topic"]) return "MissingTopic";
  if (headers["apns-topic"] !== APNS.topic) return "TopicDisallowed";
  if (!PUSH_TYPES.includes(headers["apns-push-type"] ?? "")) return "InvalidPushType";
  if (!["1", "5", "10", undefined].includes(headers["apns-priority"])) return "BadPriority";
  return null;
};

const payloadProblem = (request: StandInRequest): string | null => {
  if (Buffer.byteLength(request.body) > MAX_PAYLOAD_BYTES) return "PayloadTooLarge";
  const aps = parseJson(request.body)?.aps as { alert?: unknown } | undefined;
  if (!aps || typeof aps !== "object") return "PayloadEmpty";
  return request.headers["apns-push-type"] === "alert" && !aps.alert ? "PayloadEmpty" : null;
};

/** APNs `POST /3/device/<token>` over token-based authentication. */
export const apns: Provider = (request) => {
  const token = /^\/3\/device\/([^/]*)$/.exec(new URL(request.url).pathname)?.[1];
  if (token === undefined) return reason(404, "BadPath");
  if (request.method !== "POST") return reason(405, "MethodNotAllowed");
  const denied = tokenProblem(request);
  if (denied) return reason(403, denied);
  const bad = headerProblem(request) ?? payloadProblem(request);
  if (bad) return reason(bad === "PayloadTooLarge" ? 413 : 400, bad);
  if (!/^[0-9a-f]{16,200}$/i.test(token)) return reason(400, "BadDeviceToken");
  // A token containing "dead" belongs to an app that was uninstalled.
  if (token.includes("dead")) return reason(410, "Unregistered");
  return new Response(null, { status: 200, headers: { "apns-id": randomUUID().toUpperCase() } });
};
