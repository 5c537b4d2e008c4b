/** Who is calling: an organizer (JWT) or an attendee (opaque token). */
export type Caller = { kind: "organizer"; id: string } | { kind: "attendee"; id: string };
export type CallerKind = Caller["kind"];

/** What every request carries. */
export interface AppEnv {
  Bindings: Env;
  Variables: { requestId: string };
}

/**
 * Added by `requireCaller` on the routes that declare it, so `callerOf(c)` type-checks
 * only where a caller was actually resolved.
 */
export interface CallerEnv {
  Bindings: Env;
  Variables: { caller: Caller };
}
