import type { Provider } from "./http.ts";

/** Answers seen per path, so a receiver can fail its first tries and then succeed. */
const tries = new Map<string, number>();

/**
 * An organizer's webhook receiver, its behaviour chosen by the first path segment:
 * `/ok/…` 200, `/flaky/…` 500 twice then 200, `/fail/…` 500, `/gone/…` 410,
 * `/busy/…` 429 and `/unavailable/…` 503, each with `Retry-After: 3600`, `/moved/…` 302 to a receiver that would accept,
 * `/slow/…` 200 after two seconds.
 */
export const receiver: Provider = async (request) => {
  const path = new URL(request.url).pathname;
  const seen = (tries.get(path) ?? 0) + 1;
  tries.set(path, seen);
  switch (path.split("/")[1]) {
    case "ok":
      return new Response(null, { status: 204 });
    case "flaky":
      return new Response(seen <= 2 ? "not yet" : "ok", { status: seen <= 2 ? 500 : 200 });
    case "slow":
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return new Response(null, { status: 204 });
    case "gone":
      return new Response("gone", { status: 410 });
    case "busy":
      return new Response("slow down", { status: 429, headers: { "Retry-After": "3600" } });
    case "unavailable":
      return new Response("down for maintenance", {
        status: 503,
        headers: { "Retry-After": "3600" },
      });
    case "moved":
      return new Response(null, {
        status: 302,
        headers: { Location: "https://hooks.test/ok/moved" },
      });
    default:
      return new Response("failing", { status: 500 });
  }
};
