import { type Delivery, deliveryKey, dispatchAll } from "./dispatch";
import { eventDetailsOf, profilesOf, type RecipientProfile } from "./enrichment";
import type { Job } from "./messages";
import { subrequestsOf } from "./plans";
import { PROFILE_ATTEMPTS, withTimeZones } from "./profile-service";

/**
 * Subrequests one invocation may spend on channels and the profile service. Workers
 * allow 1,000; the rest is kept for the invocation's few D1 calls and queue sends. A
 * chunk of 50 recipients costs at most 50 × (hub + email + 10 pushes + 3 lookups) = 750,
 * so the first message of a batch always fits.
 */
export const DELIVERY_BUDGET = 800;

export type DeliverJob = Extract<Job, { kind: "deliver" }>;

/** What became of one message's recipients: failures to retry, or "deferred" to send again later. */
export type JobResult = { deferred: true } | { deferred: false; failed: number; errors: string[] };

const costOf = (job: DeliverJob, profiles: Map<string, RecipientProfile>, lookups: number) =>
  job.recipients.reduce((sum, id) => {
    const profile = profiles.get(id);
    return sum + (profile ? subrequestsOf(profile, lookups) : 0);
  }, 0);

/** Takes messages in order while their recipients' subrequests fit the budget. */
const admit = (
  jobs: DeliverJob[],
  profiles: Map<string, RecipientProfile>,
  lookups: number,
  budget: number,
) => {
  let used = 0;
  return jobs.map((job, i) => {
    const cost = costOf(job, profiles, lookups);
    if (i > 0 && used + cost > budget) return false;
    used += cost;
    return true;
  });
};

/**
 * Delivers the recipients of every message in a batch with one event read (only when a
 * message lacks the details), one profile read, one claims write and one records write,
 * whatever the number of messages or recipients. Messages past the subrequest budget
 * are left for a later invocation.
 */
export const deliverJobs = async (
  env: Env,
  jobs: DeliverJob[],
  budget = DELIVERY_BUDGET,
): Promise<JobResult[]> => {
  if (jobs.length === 0) return [];
  const events = await eventDetailsOf(
    env,
    jobs.map((j) => j.domainEvent),
  );
  const wanted = jobs.filter((j) => events.has(j.domainEvent.id)).flatMap((j) => j.recipients);
  let profiles = await profilesOf(env, wanted);
  const lookups = env.ENRICHMENT_URL ? PROFILE_ATTEMPTS : 0;
  const admitted = admit(jobs, profiles, lookups, budget);
  let lookupFailures = new Map<string, string>();
  if (env.ENRICHMENT_URL) {
    const ids = new Set(jobs.filter((_, i) => admitted[i]).flatMap((j) => j.recipients));
    const chosen = [...profiles.values()].filter((p) => ids.has(p.attendeeId));
    const external = await withTimeZones(env.ENRICHMENT_URL, chosen);
    profiles = external.enriched;
    lookupFailures = external.failed;
  }
  const deliveries: Delivery[] = jobs.flatMap((job, i) => {
    const event = events.get(job.domainEvent.id);
    if (!admitted[i] || !event) return [];
    return job.recipients.flatMap((id) => {
      const profile = profiles.get(id);
      return profile ? [{ domainEvent: job.domainEvent, event, profile }] : [];
    });
  });
  const failures = await dispatchAll(env, deliveries);
  return jobs.map((job, i): JobResult => {
    if (!admitted[i]) return { deferred: true };
    const errors = job.recipients.flatMap((id) => {
      const lookup = lookupFailures.get(id);
      const failed = failures.get(deliveryKey(job.domainEvent.id, id)) ?? 0;
      return [
        ...(lookup ? [lookup] : []),
        ...(failed > 0 ? [`${failed} deliveries to ${id} failed`] : []),
      ];
    });
    return { deferred: false, failed: errors.length, errors };
  });
};
