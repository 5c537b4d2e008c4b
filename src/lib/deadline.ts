/**
 * `fetch`, given up on when no answer has come within `ms` (it rejects with a
 * `TimeoutError`). The timer is cleared once the answer's headers arrive: an
 * `AbortSignal.timeout` stays armed for its whole span, and an invocation may hold at
 * most 10,000 live timers, which a busy consumer would run into.
 */
export const fetchWithin = async (
  input: string,
  init: Omit<RequestInit, "signal">,
  ms: number,
): Promise<Response> => {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`no answer within ${ms} ms`, "TimeoutError")),
    ms,
  );
  try {
    return await fetch(input, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
};
