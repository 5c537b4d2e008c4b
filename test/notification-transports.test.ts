import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { apnsTransport } from "../src/notifications/channels/apns";
import { emailTransport, type KeyedEmailMessage } from "../src/notifications/channels/email";
import { fcmTransport } from "../src/notifications/channels/fcm";
import { pushTransport } from "../src/notifications/channels/push";
import type { Device, EmailMessage, PushMessage } from "../src/notifications/types";
import { unique } from "./helpers";

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What the providers received so far (every test file shares the stand-in). */
const received = async (host: string): Promise<Recorded[]> => {
  const all = (await (await fetch("http://standin.test/requests")).json()) as Recorded[];
  return all.filter((request) => new URL(request.url).hostname === host);
};

const decodeJwt = (jwt: string) => {
  const [header, claims] = jwt
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(atob(part.replaceAll("-", "+").replaceAll("_", "/"))));
  return { header, claims };
};

const hex = (prefix: string) =>
  (
    prefix +
    crypto.randomUUID().replaceAll("-", "") +
    crypto.randomUUID().replaceAll("-", "")
  ).slice(0, 64);

const KEY_GENERATION = {
  RS256: {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
  },
  ES256: { name: "ECDSA", namedCurve: "P-256" },
};

/** A PKCS#8 PEM of a key the providers have never seen. */
const strangerPem = async (alg: keyof typeof KEY_GENERATION) => {
  const pair = (await crypto.subtle.generateKey(KEY_GENERATION[alg], true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const der = new Uint8Array(
    (await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer,
  );
  const b64 = btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n");
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
};

const push: PushMessage = {
  title: "Booking confirmed",
  body: "Your seat at Symfony Conference is confirmed.",
  data: { type: "booking.confirmed", eventId: "evt_1", aps: "not the alert" },
};

describe("email through the provider's HTTP API", () => {
  const message = (to: string, toName = "Zoë Lambert"): EmailMessage => ({
    to,
    toName,
    subject: "Your booking for Symfony Conference is confirmed",
    text: "Hello Zoë,\n\nYour seat is confirmed.",
    html: "<p>Hello Zoë,</p><p>Your seat is confirmed.</p>",
  });

  it("posts from, to, subject, text and html with the API key, and reports sent", async () => {
    const to = `${unique("mail")}@example.com`;
    const outcome = await emailTransport(env).send(message(to));
    expect(outcome).toMatchObject({ status: "sent", transport: "resend" });
    const [request, ...others] = (await received("api.resend.com")).filter((r) =>
      r.body.includes(to),
    );
    expect(others).toHaveLength(0);
    expect(request?.url).toBe(env.EMAIL_API_URL);
    expect(request?.headers.authorization).toBe(`Bearer ${env.EMAIL_API_KEY}`);
    expect(request?.headers["content-type"]).toBe("application/json");
    const { subject, text, html } = message(to);
    expect(JSON.parse(request?.body ?? "")).toEqual({
      from: env.EMAIL_FROM,
      to: [`Zoë Lambert <${to}>`],
      subject,
      text,
      html,
    });
    expect(JSON.stringify(outcome)).not.toContain(env.EMAIL_API_KEY);
  });

  it("quotes a display name with specials and sends a bare address without one", async () => {
    const to = `${unique("mail")}@example.com`;
    await emailTransport(env).send(message(to, 'Doe, "JD" John'));
    await emailTransport(env).send(message(to, ""));
    const bodies = (await received("api.resend.com"))
      .filter((r) => r.body.includes(to))
      .map((r) => JSON.parse(r.body).to);
    expect(bodies).toEqual([[`"Doe, \\"JD\\" John" <${to}>`], [to]]);
  });

  it("passes an Idempotency-Key through when the message carries one", async () => {
    const to = `${unique("mail")}@example.com`;
    const keyed: KeyedEmailMessage = { ...message(to), idempotencyKey: unique("notification") };
    await emailTransport(env).send(keyed);
    const [request] = (await received("api.resend.com")).filter((r) => r.body.includes(to));
    expect(request?.headers["idempotency-key"]).toBe(keyed.idempotencyKey);
  });

  it("reports a refusal (4xx) and a provider fault (5xx) as failed, with the reason", async () => {
    const invalid = await emailTransport(env).send(message("not-an-address"));
    expect(invalid).toMatchObject({ status: "failed", transport: "resend" });
    expect(invalid.error).toMatch(/^HTTP 422: validation_error: Invalid `to` field/);
    const outage = await emailTransport(env).send(message(`outage@${unique("x")}.example.com`));
    expect(outage).toMatchObject({ status: "failed", error: expect.stringMatching(/^HTTP 500: /) });
    const wrongKey = await emailTransport({ ...env, EMAIL_API_KEY: "re_wrong" }).send(
      message(`${unique("m")}@example.com`),
    );
    expect(wrongKey).toMatchObject({
      status: "failed",
      error: "HTTP 403: invalid_api_key: API key is invalid",
    });
  });

  it("reports no answer at all as a failed network error", async () => {
    const outcome = await emailTransport({ ...env, EMAIL_API_URL: "not a url" }).send(
      message("a@example.com"),
    );
    expect(outcome).toMatchObject({ status: "failed", error: expect.stringMatching(/^network: /) });
  });

  it("without an API key, records the message and sends nothing", async () => {
    const to = `${unique("mail")}@example.com`;
    const transport = emailTransport({ ...env, EMAIL_API_KEY: undefined });
    expect(transport.name).toBe("record");
    const outcome = await transport.send(message(to));
    expect(outcome).toEqual({ status: "sent", transport: "record", payload: message(to) });
    expect((await received("api.resend.com")).filter((r) => r.body.includes(to))).toHaveLength(0);
  });
});

describe("Android push through FCM HTTP v1", () => {
  // An account of its own, so the token count below is this file's alone.
  const account = {
    ...JSON.parse(env.FCM_SERVICE_ACCOUNT ?? "{}"),
    client_email: `${unique("push")}@event-booking-test.iam.gserviceaccount.com`,
  };
  const fcmEnv = { ...env, FCM_SERVICE_ACCOUNT: JSON.stringify(account) };
  const android = (token: string): Device => ({ id: unique("dev"), platform: "android", token });
  const tokenRequests = async () =>
    (await received("oauth2.googleapis.com")).filter(
      (r) =>
        decodeJwt(new URLSearchParams(r.body).get("assertion") ?? "").claims.iss ===
        account.client_email,
    );

  it("exchanges one signed assertion for an access token and reuses it for every send", async () => {
    const tokens = [hex("a1"), hex("a2"), hex("a3")];
    const transport = fcmTransport(fcmEnv);
    const first = await Promise.all(
      tokens.slice(0, 2).map((t) => transport.send(android(t), push)),
    );
    const later = await fcmTransport(fcmEnv).send(android(tokens[2] ?? ""), push);
    for (const outcome of [...first, later])
      expect(outcome).toMatchObject({ status: "sent", transport: "fcm" });

    const [exchange, ...more] = await tokenRequests();
    expect(more).toHaveLength(0);
    expect(exchange?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(exchange?.body);
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const { header, claims } = decodeJwt(form.get("assertion") ?? "");
    expect(header).toMatchObject({ alg: "RS256", typ: "JWT", kid: account.private_key_id });
    expect(claims).toMatchObject({
      iss: account.client_email,
      scope: "https://www.googleapis.com/auth/firebase.messaging",
      aud: env.FCM_TOKEN_URL,
    });
    expect(claims.exp - claims.iat).toBe(3600);

    const sends = (await received("fcm.googleapis.com")).filter((r) =>
      tokens.some((t) => r.body.includes(t)),
    );
    expect(sends).toHaveLength(3);
    expect(new Set(sends.map((r) => r.headers.authorization)).size).toBe(1);
    expect(sends[0]?.headers.authorization).toMatch(/^Bearer ya29\./);
    expect(sends[0]?.url).toBe(
      `${env.FCM_API_URL}/v1/projects/${account.project_id}/messages:send`,
    );
    expect(JSON.parse(sends.find((r) => r.body.includes(tokens[2] ?? ""))?.body ?? "")).toEqual({
      message: {
        token: tokens[2],
        notification: { title: push.title, body: push.body },
        data: push.data,
      },
    });
  });

  it("keeps the device token and the access token out of the outcome", async () => {
    const token = hex("b1");
    const outcome = await fcmTransport(fcmEnv).send(android(token), push);
    expect(outcome.payload).toEqual({
      notification: { title: push.title, body: push.body },
      data: push.data,
    });
    expect(JSON.stringify(outcome)).not.toMatch(new RegExp(`${token}|ya29`));
  });

  it("reports a token FCM no longer knows (404 UNREGISTERED) as unregistered", async () => {
    const outcome = await fcmTransport(fcmEnv).send(android(`dead-${unique("t")}`), push);
    expect(outcome).toMatchObject({ status: "unregistered", transport: "fcm" });
  });

  it("reports a token FCM says is invalid (400 INVALID_ARGUMENT on message.token) as unregistered", async () => {
    const outcome = await fcmTransport(fcmEnv).send(android(`malformed-${unique("t")}`), push);
    expect(outcome).toMatchObject({ status: "unregistered", transport: "fcm" });
  });

  it("reports a provider fault as failed", async () => {
    const outcome = await fcmTransport(fcmEnv).send(android(`unavailable-${unique("t")}`), push);
    expect(outcome).toMatchObject({
      status: "failed",
      error: "HTTP 503: UNAVAILABLE: The service is currently unavailable.",
    });
  });

  it("fails, without quoting the secret, when the key or the account is wrong", async () => {
    const stranger = {
      ...account,
      client_email: `${unique("stranger")}@event-booking-test.iam.gserviceaccount.com`,
      private_key: await strangerPem("RS256"),
    };
    const refused = await fcmTransport({
      ...env,
      FCM_SERVICE_ACCOUNT: JSON.stringify(stranger),
    }).send(android(hex("c1")), push);
    expect(refused).toMatchObject({
      status: "failed",
      error: "token exchange: HTTP 400: invalid_grant",
    });
    const garbled = await fcmTransport({
      ...env,
      FCM_SERVICE_ACCOUNT: "{ not json secret-123",
    }).send(android(hex("c2")), push);
    expect(garbled).toMatchObject({
      status: "failed",
      error: "FCM_SERVICE_ACCOUNT is not valid JSON",
    });
    expect(JSON.stringify(garbled)).not.toContain("secret-123");
  });
});

describe("iOS push through APNs token authentication", () => {
  const ios = (token: string): Device => ({ id: unique("dev"), platform: "ios", token });
  const sendsTo = async (token: string) =>
    (await received("api.push.apple.com")).filter((r) => r.url.endsWith(`/3/device/${token}`));

  it("posts the alert with a signed provider token and the required headers", async () => {
    const token = hex("0a");
    const outcome = await apnsTransport(env).send(ios(token), push);
    expect(outcome).toMatchObject({ status: "sent", transport: "apns" });
    const [request] = await sendsTo(token);
    expect(request?.url).toBe(`${env.APNS_API_URL}/3/device/${token}`);
    expect(request?.headers).toMatchObject({
      "apns-topic": env.APNS_TOPIC,
      "apns-push-type": "alert",
      "apns-priority": "10",
    });
    const jwt = /^bearer (.+)$/.exec(request?.headers.authorization ?? "")?.[1] ?? "";
    const { header, claims } = decodeJwt(jwt);
    expect(header).toMatchObject({ alg: "ES256", kid: env.APNS_KEY_ID });
    expect(claims).toMatchObject({ iss: env.APNS_TEAM_ID });
    expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(3600);
    // The signature is raw r||s: 64 bytes, 86 base64url characters.
    expect(jwt.split(".")[2]).toHaveLength(86);
    expect(JSON.parse(request?.body ?? "")).toEqual({
      type: "booking.confirmed",
      eventId: "evt_1",
      aps: { alert: { title: push.title, body: push.body }, sound: "default" },
    });
  });

  it("reuses one provider token across sends", async () => {
    const [a, b] = [hex("0b"), hex("0c")];
    await apnsTransport(env).send(ios(a), push);
    await apnsTransport(env).send(ios(b), push);
    const [first] = await sendsTo(a);
    const [second] = await sendsTo(b);
    expect(first?.headers.authorization).toBe(second?.headers.authorization);
  });

  it("reports 410 Unregistered and 400 BadDeviceToken as unregistered", async () => {
    const gone = await apnsTransport(env).send(ios(hex("dead")), push);
    expect(gone).toMatchObject({ status: "unregistered", transport: "apns" });
    const bad = await apnsTransport(env).send(ios("not-a-device-token"), push);
    expect(bad).toMatchObject({ status: "unregistered", transport: "apns" });
  });

  it("fails when Apple refuses the provider token or the topic", async () => {
    const stranger = await strangerPem("ES256");
    const forged = await apnsTransport({ ...env, APNS_PRIVATE_KEY: stranger }).send(
      ios(hex("0d")),
      push,
    );
    expect(forged).toMatchObject({ status: "failed", error: "HTTP 403: InvalidProviderToken" });
    const topic = await apnsTransport({ ...env, APNS_TOPIC: "com.example.other" }).send(
      ios(hex("0e")),
      push,
    );
    expect(topic).toMatchObject({ status: "failed", error: "HTTP 400: TopicDisallowed" });
  });
});

describe("pushTransport", () => {
  const devices: Device[] = [
    { id: "d-android", platform: "android", token: hex("1a") },
    { id: "d-ios", platform: "ios", token: hex("1b") },
  ];

  it("sends Android through FCM and iOS through APNs when both are configured", async () => {
    const transport = pushTransport(env);
    expect(transport.name).toBe("fcm+apns");
    const [android, ios] = await Promise.all(devices.map((d) => transport.send(d, push)));
    expect(android).toMatchObject({ status: "sent", transport: "fcm" });
    expect(ios).toMatchObject({ status: "sent", transport: "apns" });
  });

  it("records a platform whose credentials are missing", async () => {
    const transport = pushTransport({ ...env, APNS_PRIVATE_KEY: undefined });
    expect(transport.name).toBe("fcm+record");
    expect(await transport.send({ ...devices[1], token: hex("1c") } as Device, push)).toMatchObject(
      { transport: "record" },
    );
  });

  it("without any credentials, records every message and sends nothing", async () => {
    const bare = { ...env, FCM_SERVICE_ACCOUNT: undefined, APNS_PRIVATE_KEY: undefined };
    const transport = pushTransport(bare);
    expect(transport.name).toBe("record");
    const tokens = [hex("1d"), hex("1e")];
    for (const [i, device] of devices.entries()) {
      const outcome = await transport.send({ ...device, token: tokens[i] ?? "" }, push);
      expect(outcome).toEqual({ status: "sent", transport: "record", payload: push });
    }
    const hosts = [
      ...(await received("fcm.googleapis.com")),
      ...(await received("api.push.apple.com")),
    ];
    expect(
      hosts.filter((r) => tokens.some((t) => r.url.includes(t) || r.body.includes(t))),
    ).toHaveLength(0);
  });
});
