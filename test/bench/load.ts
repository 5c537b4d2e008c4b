import { performance } from "node:perf_hooks";
import autocannon from "autocannon";

/** One request of a phase; booking requests name the event and attendee they are for. */
export interface Shot {
  method: "GET" | "POST";
  path: string;
  token?: string;
  body?: unknown;
  booking?: { eventId: string; attendeeId: string };
}

export interface PhaseSpec {
  name: string;
  requests: number;
  shot: (index: number) => Shot;
  /** Refusals the phase provokes on purpose (counted apart from errors). */
  expected?: (status: number, code: string | undefined) => boolean;
  /** Events whose invariants are checked after the phase. */
  events?: string[];
  /** Live viewers kept open on an event for the whole phase. */
  viewers?: { eventId: string; count: number };
  /** Receives the bookings the phase made, for a later phase to act on. */
  keep?: (booked: readonly Booked[]) => void;
  /** Bookings made by earlier phases on the events checked after this one. */
  earlier?: () => readonly Booked[];
}

export interface PhaseResult {
  name: string;
  requests: number;
  concurrency: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  expectedRefusals: number;
  /** Answers by status, with the problem code of refusals ("409 already_booked"). */
  statuses: Record<string, number>;
  /** The first few unexpected answers, to tell what went wrong. */
  errorSamples: string[];
}

/** A booking a 201 answered, with what the answer said of it. */
export type Booked = { eventId: string; attendeeId: string; bookingId: string; seats: number };

const bookedBy = (shot: Shot, body: string): Booked | null => {
  if (!shot.booking) return null;
  try {
    const answer = JSON.parse(body);
    return { ...shot.booking, bookingId: answer.id, seats: answer.seats };
  } catch {
    return null;
  }
};

const PHASE_TIME_LIMIT_MS = 300_000;
/**
 * autocannon notices that the last answer arrived at its next sample, a second apart by
 * default: a tenth of a second keeps that wait from being most of a small phase. Rates
 * are computed from the answers' own times, not from these samples.
 */
const SAMPLE_MS = 100;

const codeOf = (body: string): string | undefined => {
  try {
    return JSON.parse(body).code;
  } catch {
    return undefined;
  }
};

/** Fires `spec.requests` requests, `concurrency` at a time, each built by `spec.shot`. */
export const runPhase = async (base: string, spec: PhaseSpec, concurrency: number) => {
  let next = 0;
  let answered = 0;
  let errors = 0;
  let expectedRefusals = 0;
  let lastAnswer = 0;
  const statuses: Record<string, number> = {};
  const booked: Booked[] = [];
  const errorSamples: string[] = [];
  const request: autocannon.Request = {
    setupRequest: (req, context) => {
      const shot = spec.shot(next++);
      (context as { shot?: Shot }).shot = shot;
      const headers: Record<string, string> = {};
      if (shot.token) headers.authorization = `Bearer ${shot.token}`;
      if (shot.body !== undefined) headers["content-type"] = "application/json";
      const body = shot.body === undefined ? undefined : JSON.stringify(shot.body);
      return { ...req, method: shot.method, path: shot.path, headers, body };
    },
    onResponse: (status, body, context) => {
      answered++;
      lastAnswer = performance.now();
      const shot = (context as { shot?: Shot }).shot;
      const ok = status >= 200 && status < 300;
      const code = ok ? undefined : codeOf(body);
      const key = code ? `${status} ${code}` : String(status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (ok) {
        const made = status === 201 && shot ? bookedBy(shot, body) : null;
        if (made) booked.push(made);
        return;
      }
      if (spec.expected?.(status, code)) expectedRefusals++;
      else if (++errors <= 3) errorSamples.push(`${status} ${body.slice(0, 300)}`);
    },
  };
  const connections = Math.min(concurrency, spec.requests);
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        amount: spec.requests,
        timeout: 30,
        sampleInt: SAMPLE_MS,
        requests: [request],
      },
      (error, result) => {
        clearTimeout(watchdog);
        if (error) reject(error);
        else resolve(result);
      },
    );
    const watchdog = setTimeout(() => instance.stop(), PHASE_TIME_LIMIT_MS);
  });
  const seconds = ((lastAnswer || performance.now()) - started) / 1000;
  const phase: PhaseResult = {
    name: spec.name,
    requests: answered,
    concurrency: connections,
    seconds: Math.round(seconds * 100) / 100,
    rps: Math.round(answered / seconds),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    // Requests left unanswered (timeouts, broken connections) count as errors too.
    errors: errors + Math.max(result.errors, spec.requests - answered),
    expectedRefusals,
    statuses,
    errorSamples,
  };
  return { phase, booked };
};
