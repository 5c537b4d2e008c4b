import { dateTimeFormat } from "../lib/intl";
import type { RecipientProfile } from "./enrichment";

const TIMEOUT_MS = 2_000;
/** Tries per recipient; the consumer's subrequest budget counts each. */
export const PROFILE_ATTEMPTS = 3;
const CONCURRENT_LOOKUPS = 10;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One attendee's profile: a timeout per call, three tries with backoff, 404 means "nothing known". */
const lookup = async (baseUrl: string, attendeeId: string) => {
  let lastError = "";
  for (let attempt = 0; attempt < PROFILE_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(100 * 2 ** attempt);
    try {
      const res = await fetch(
        `${baseUrl.replace(/\/$/, "")}/attendees/${encodeURIComponent(attendeeId)}`,
        { headers: { Accept: "application/json" }, signal: AbortSignal.timeout(TIMEOUT_MS) },
      );
      if (res.status === 404) return {};
      if (res.ok) return (await res.json()) as { timeZone?: unknown };
      lastError = `profile service answered ${res.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  throw new Error(`profile of ${attendeeId} unavailable: ${lastError}`);
};

const isTimeZone = (zone: unknown): zone is string => {
  if (typeof zone !== "string") return false;
  try {
    dateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * What D1 cannot know (the attendee's time zone) comes from the external profile service.
 * A lookup that fails marks that recipient alone: the others are delivered.
 */
export const withTimeZones = async (baseUrl: string, profiles: RecipientProfile[]) => {
  const failed = new Map<string, string>();
  const enriched = new Map<string, RecipientProfile>();
  for (let i = 0; i < profiles.length; i += CONCURRENT_LOOKUPS) {
    const slice = profiles.slice(i, i + CONCURRENT_LOOKUPS);
    const answers = await Promise.allSettled(slice.map((p) => lookup(baseUrl, p.attendeeId)));
    slice.forEach((profile, j) => {
      const answer = answers[j];
      if (answer?.status === "rejected") {
        failed.set(profile.attendeeId, String(answer.reason?.message ?? answer.reason));
        return;
      }
      const zone = answer?.value.timeZone;
      enriched.set(profile.attendeeId, isTimeZone(zone) ? { ...profile, timeZone: zone } : profile);
    });
  }
  return { enriched, failed };
};
