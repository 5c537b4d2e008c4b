import type { Request as MiniflareRequest } from "miniflare";
import { apns } from "./apns.ts";
import { email } from "./email.ts";
import { fcmSend, fcmTokenEndpoint } from "./fcm.ts";
import type { Provider, StandInRequest } from "./http";
import { profiles, profilesDown, profilesOdd } from "./profiles.ts";
import { receiver } from "./receiver.ts";
import { stripeApi, stripeControl, stripeFaults } from "./stripe.ts";

/** Every request the Worker sent out during the run, as the provider would have seen it. */
const received: StandInRequest[] = [];

/** The providers the Worker talks to, by the host its configuration names. */
const providers: Record<string, Provider> = {
  "oauth2.googleapis.com": fcmTokenEndpoint,
  "fcm.googleapis.com": fcmSend,
  "api.push.apple.com": apns,
  "api.sandbox.push.apple.com": apns,
  "api.resend.com": email,
  "profiles.test": profiles,
  "profiles-down.test": profilesDown,
  "profiles-odd.test": profilesOdd,
  "api.stripe.com": stripeApi,
  "hooks.test": receiver,
};

export const outboundStandIn = async (request: MiniflareRequest) => {
  const url = new URL(request.url);
  if (url.hostname === "standin.test" && url.pathname === "/requests") {
    return new Response(JSON.stringify(received), {
      headers: { "Content-Type": "application/json" },
    });
  }
  if (url.hostname === "standin.test" && url.pathname === "/stripe/faults") {
    return stripeFaults(request as unknown as Request);
  }
  if (url.hostname === "standin.test" && url.pathname.startsWith("/stripe/")) {
    return stripeControl(url);
  }
  const recorded: StandInRequest = {
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers as unknown as Iterable<[string, string]>),
    body: await request.text(),
  };
  received.push(recorded);
  const provider = providers[url.hostname];
  if (provider) return provider(recorded);
  return new Response(JSON.stringify({ ok: true }), {
    headers: { "Content-Type": "application/json" },
  });
};
