import { describe, expect, it } from "vitest";
import { callLedger } from "../../src/ledger/client";
import { Problem } from "../../src/lib/problem";

const runtimeError = (flags: Record<string, boolean>) =>
  Object.assign(new Error("from the runtime"), flags);

describe("callLedger", () => {
  it.each([["overloaded"], ["retryable"], ["durableObjectReset"]])(
    "turns a %s error of the runtime into 503 overloaded with Retry-After",
    async (flag) => {
      const failure = await callLedger(() => Promise.reject(runtimeError({ [flag]: true }))).catch(
        (e) => e,
      );
      expect(failure).toBeInstanceOf(Problem);
      const res = (failure as Problem).toResponse();
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("1");
      expect(res.headers.get("Content-Type")).toBe("application/problem+json");
      expect(((await res.json()) as { code: string }).code).toBe("overloaded");
    },
  );

  it("lets any other error through unchanged, to be answered as a 500", async () => {
    const bug = new TypeError("a bug");
    await expect(callLedger(() => Promise.reject(bug))).rejects.toBe(bug);
    await expect(
      callLedger(() => Promise.reject(runtimeError({ overloaded: false }))),
    ).rejects.not.toBeInstanceOf(Problem);
  });

  it("returns the ledger's answer when the call succeeds", async () => {
    await expect(callLedger(async () => 42)).resolves.toBe(42);
  });
});
