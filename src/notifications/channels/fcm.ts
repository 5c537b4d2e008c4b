import type { Device, PushMessage, PushTransport } from "../types";
import { discard, errorText, failed, httpError, post, readBody, sent, unregistered } from "./http";
import { importSigningKey, nowInSeconds, signJwt } from "./jwt";

type FcmEnv = Pick<Env, "FCM_API_URL" | "FCM_TOKEN_URL" | "FCM_SERVICE_ACCOUNT">;

interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  private_key_id?: string;
}

interface AccessToken {
  value: string;
  expiresAt: number;
}

const NAME = "fcm";
const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
// Refresh a little early so a token never expires between the check and the send.
const REFRESH_MARGIN_MS = 5 * 60_000;

/** Shared by every request this isolate serves: one token exchange an hour, not one a push. */
const tokens = new Map<string, Promise<AccessToken>>();

const parseServiceAccount = (json: string): ServiceAccount => {
  let account: Partial<ServiceAccount>;
  try {
    account = JSON.parse(json);
  } catch {
    // The parser's message quotes the input, which is a secret.
    throw new Error("FCM_SERVICE_ACCOUNT is not valid JSON");
  }
  const { project_id, client_email, private_key } = account;
  if (typeof project_id !== "string" || typeof client_email !== "string" || !private_key) {
    throw new Error("FCM_SERVICE_ACCOUNT needs project_id, client_email and private_key");
  }
  return account as ServiceAccount;
};

/** Google's OAuth 2.0 flow for service accounts: a signed assertion buys an access token. */
const exchange = async (account: ServiceAccount, tokenUrl: string): Promise<AccessToken> => {
  const key = await importSigningKey(account.private_key, "RS256");
  const iat = nowInSeconds();
  const claims = { iss: account.client_email, scope: SCOPE, aud: tokenUrl, iat, exp: iat + 3600 };
  const assertion = await signJwt("RS256", key, { kid: account.private_key_id }, claims);
  const res = await post(tokenUrl, {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion,
    }),
  });
  const body = (await readBody(res)) as {
    access_token?: string;
    expires_in?: number;
    error?: string;
  };
  if (!res.ok || typeof body?.access_token !== "string") {
    throw new Error(`token exchange: ${httpError(res.status, body?.error ?? "no access token")}`);
  }
  return { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
};

const startExchange = (cacheKey: string, account: ServiceAccount, tokenUrl: string) => {
  const pending = exchange(account, tokenUrl);
  tokens.set(cacheKey, pending);
  // A failed exchange is not cached: the next push tries again.
  pending.catch(() => tokens.get(cacheKey) === pending && tokens.delete(cacheKey));
  return pending;
};

/** Concurrent pushes share one exchange; a token is reused until shortly before it expires. */
const accessToken = async (account: ServiceAccount, tokenUrl: string): Promise<string> => {
  const cacheKey = `${tokenUrl} ${account.client_email}`;
  const cached = tokens.get(cacheKey);
  const token = await cached?.catch(() => undefined);
  if (token && token.expiresAt - REFRESH_MARGIN_MS > Date.now()) return token.value;
  if (tokens.get(cacheKey) === cached) tokens.delete(cacheKey);
  return (await (tokens.get(cacheKey) ?? startExchange(cacheKey, account, tokenUrl))).value;
};

/** Google revoked or expired the token early: the next push must fetch a new one. */
const forgetToken = (account: ServiceAccount, tokenUrl: string) =>
  tokens.delete(`${tokenUrl} ${account.client_email}`);

interface FcmError {
  error?: {
    status?: string;
    message?: string;
    details?: { errorCode?: string; fieldViolations?: { field?: string }[] }[];
  };
}

/** FCM's documented answers for a token that will never work again. */
const isUnregistered = (status: number, { error }: FcmError): boolean => {
  const details = error?.details ?? [];
  const codes = [error?.status, ...details.map((detail) => detail.errorCode)];
  if (status === 404) return codes.includes("UNREGISTERED");
  const namesToken =
    details.some((d) => d.fieldViolations?.some((v) => v.field === "message.token")) ||
    /registration token/i.test(error?.message ?? "");
  return status === 400 && codes.includes("INVALID_ARGUMENT") && namesToken;
};

const send = async (env: FcmEnv, device: Device, message: PushMessage) => {
  const account = parseServiceAccount(env.FCM_SERVICE_ACCOUNT ?? "");
  const notification = { title: message.title, body: message.body };
  // The device token stays out of the logged payload; the device id identifies it.
  const payload = { notification, data: message.data };
  const bearer = await accessToken(account, env.FCM_TOKEN_URL);
  const url = `${env.FCM_API_URL}/v1/projects/${encodeURIComponent(account.project_id)}/messages:send`;
  const res = await post(url, {
    headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message: { token: device.token, ...payload } }),
  });
  if (res.ok) return discard(res).then(() => sent(NAME, payload));
  const body = (await readBody(res)) as FcmError;
  if (isUnregistered(res.status, body)) return unregistered(NAME, payload);
  if (res.status === 401) forgetToken(account, env.FCM_TOKEN_URL);
  const detail = [body?.error?.status, body?.error?.message].filter(Boolean).join(": ");
  return failed(NAME, httpError(res.status, detail || "error"), payload);
};

/** Android push through FCM HTTP v1. */
export const fcmTransport = (env: FcmEnv): PushTransport => ({
  name: NAME,
  send: (device, message) =>
    send(env, device, message).catch((err) => failed(NAME, errorText(err, device.token))),
});
