import { json, type Provider } from "./http.ts";

/**
 * The external profile service of the enrichment step: `profiles.test` knows every
 * attendee's time zone (except those named `unknowable`), `profiles-down.test` is an outage,
 * `profiles-odd.test` answers a zone no calendar knows.
 */
export const profiles: Provider = (request) => {
  const match = /^\/attendees\/([^/]+)$/.exec(new URL(request.url).pathname);
  if (request.method !== "GET" || !match) return json(404, { error: "not found" });
  // One attendee the service always fails on, to show that only their delivery waits.
  if (match[1]?.includes("unknowable")) return json(503, { error: "profile store timeout" });
  return json(200, { id: decodeURIComponent(match[1] ?? ""), timeZone: "Europe/Paris" });
};

export const profilesDown: Provider = () => json(503, { error: "maintenance" });

export const profilesOdd: Provider = (request) => {
  const id = new URL(request.url).pathname.split("/").at(-1) ?? "";
  return json(200, { id: decodeURIComponent(id), timeZone: "Mars/Olympus_Mons" });
};
