import { problem } from "./problem";

const flag = (error: unknown, name: "overloaded" | "retryable" | "durableObjectReset") =>
  typeof error === "object" && error !== null && (error as Record<string, unknown>)[name] === true;

/**
 * A call to a Durable Object. The runtime marks errors of a saturated object
 * `overloaded`, and those of an object reset mid-call `retryable` or
 * `durableObjectReset`: all are worth a retry, so all answer 503 with the detail given.
 */
export const callObject = async <T>(
  call: () => Promise<T>,
  details: { overloaded: string; reset: string },
): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    const transient = ["overloaded", "retryable", "durableObjectReset"] as const;
    if (!transient.some((name) => flag(error, name))) throw error;
    const detail = flag(error, "overloaded") ? details.overloaded : details.reset;
    throw problem("overloaded", detail, { headers: { "Retry-After": "1" } });
  }
};
