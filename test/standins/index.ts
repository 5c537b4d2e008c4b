import type { Request as MiniflareRequest } from "miniflare";

/** Every request the Worker sent out during the run, as the provider would have seen it. */
const received: { method: string; url: string; headers: Record<string, string>; body: string }[] = [];

export const outboundStandIn = async (request: MiniflareRequest) => {
  const url = new URL(request.url);
  if (url.hostname === "standin.test" && url.pathname === "/requests") {
    return new Response(JSON.stringify(received), { headers: { "Content-Type": "application/json" } });
  }
  received.push({
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers as unknown as Iterable<[string, string]>),
    body: await request.text(),
  });
  return new Response(JSON.stringify({ ok: true }), { headers: { "Content-Type": "application/json" } });
};
