import type { Device, PushMessage, PushTransport } from "../types";
import { discard, errorText, failed, httpError, post, readBody, sent, unregistered } from "./http";
import { importSigningKey, nowInSeconds, signJwt } from "./jwt";

export type ApnsEnv = Pick<
  Env,
  "APNS_API_URL" | "APNS_KEY_ID" | "APNS_TEAM_ID" | "APNS_TOPIC" | "APNS_PRIVATE_KEY"
>;

const NAME = "apns";
// Apple accepts a provider token for an hour and refuses one refreshed more often than every
// 20 minutes, so one token serves 50 minutes.
const TOKEN_LIFETIME_MS = 50 * 60_000;

/** Provider tokens by team and key, shared by every request this isolate serves. */
const tokens = new Map<string, { jwt: Promise<string>; issuedAt: number }>();
// The key itself is part of the cache key: a replaced .p8 with the same id signs anew.
const cacheKeyOf = (env: ApnsEnv) =>
  `${env.APNS_TEAM_ID} ${env.APNS_KEY_ID} ${env.APNS_PRIVATE_KEY}`;

const signProviderToken = async (env: ApnsEnv): Promise<string> => {
  const key = await importSigningKey(env.APNS_PRIVATE_KEY ?? "", "ES256");
  return signJwt(
    "ES256",
    key,
    { kid: env.APNS_KEY_ID },
    { iss: env.APNS_TEAM_ID, iat: nowInSeconds() },
  );
};

const providerToken = (env: ApnsEnv): Promise<string> => {
  const cacheKey = cacheKeyOf(env);
  const cached = tokens.get(cacheKey);
  if (cached && Date.now() - cached.issuedAt < TOKEN_LIFETIME_MS) return cached.jwt;
  const jwt = signProviderToken(env);
  tokens.set(cacheKey, { jwt, issuedAt: Date.now() });
  // A key that fails to import is not cached: a corrected secret takes effect at once.
  jwt.catch(() => tokens.get(cacheKey)?.jwt === jwt && tokens.delete(cacheKey));
  return jwt;
};

/** Apple's answers for a device token that will never work again. */
const isUnregistered = (status: number, reason: string | undefined): boolean =>
  status === 410 || (status === 400 && (reason === "BadDeviceToken" || reason === "Unregistered"));

const send = async (env: ApnsEnv, device: Device, message: PushMessage) => {
  // Custom data sits beside `aps`, never over it: a data key named "aps" cannot replace the alert.
  const payload = {
    ...message.data,
    aps: { alert: { title: message.title, body: message.body }, sound: "default" },
  };
  const res = await post(`${env.APNS_API_URL}/3/device/${encodeURIComponent(device.token)}`, {
    headers: {
      authorization: `bearer ${await providerToken(env)}`,
      "apns-topic": env.APNS_TOPIC,
      "apns-push-type": "alert",
      "apns-priority": "10",
      "content-type": "application/json",
    },
    body: JSON.stringify(payload),
  });
  if (res.ok) return discard(res).then(() => sent(NAME, payload));
  const reason = ((await readBody(res)) as { reason?: string } | null)?.reason;
  if (isUnregistered(res.status, reason)) return unregistered(NAME, payload);
  // Apple refused the provider token itself: sign a new one for the next push.
  if (res.status === 403) tokens.delete(cacheKeyOf(env));
  return failed(NAME, httpError(res.status, reason ?? "error"), payload);
};

/**
 * iOS push through APNs token authentication. APNs speaks only HTTP/2, which deployed
 * Workers negotiate; a local runtime that fetches over HTTP/1.1 gets no answer from Apple.
 */
export const apnsTransport = (env: ApnsEnv): PushTransport => ({
  name: NAME,
  send: (device, message) =>
    send(env, device, message).catch((err) => failed(NAME, errorText(err, device.token))),
});

/** APNs needs a signing key, its id, the team that owns it and the app's bundle id. */
export const apnsConfigured = (env: ApnsEnv): boolean =>
  Boolean(env.APNS_PRIVATE_KEY && env.APNS_KEY_ID && env.APNS_TEAM_ID && env.APNS_TOPIC);
