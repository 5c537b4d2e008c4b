import { writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { documentOnDisk, runTool } from "./document";

const TIMEOUT_MS = 60_000;

/**
 * Warnings that describe the API truthfully, so they stay: the WebSocket endpoints
 * succeed with 101, the sandbox's Pay and Decline with a 303 back to their page, the health check has no client error to report, and the API is
 * private, with no license to name. Anything else is a defect of the document.
 */
const ACCEPTED = [
  "operation-2xx-response #/paths/~1api~1events~1{id}~1live/get/responses",
  "operation-2xx-response #/paths/~1api~1notifications~1stream/get/responses",
  "operation-2xx-response #/paths/~1api~1events~1{id}~1queue~1{entryId}~1live/get/responses",
  "operation-4xx-response #/paths/~1health/get/responses",
  // A public key set has nothing to refuse: it answers its keys, or 500 when misconfigured.
  "operation-4xx-response #/paths/~1.well-known~1ticket-keys.json/get/responses",
  "operation-2xx-response #/paths/~1sandbox~1checkout~1{sessionId}~1pay/post/responses",
  "operation-2xx-response #/paths/~1sandbox~1checkout~1{sessionId}~1decline/post/responses",
  "info-license #/info",
  "operation-success-response paths./api/events/{id}/live.get.responses",
  "operation-success-response paths./api/notifications/stream.get.responses",
  "operation-success-response paths./api/events/{id}/queue/{entryId}/live.get.responses",
];

let dir: string;

beforeAll(async () => {
  dir = await documentOnDisk();
});

describe("the OpenAPI document under real linters", () => {
  it(
    "passes Redocly's recommended rules with no error and only the accepted warnings",
    async () => {
      const { stdout, stderr } = await runTool(
        "redocly",
        ["lint", "openapi.json", "--extends=recommended", "--format=json"],
        dir,
      );
      const report = JSON.parse(stdout.slice(stdout.indexOf("{")) || "null");
      expect(report, stderr).not.toBeNull();
      const found = report.problems.map(
        (p: any) => `${p.ruleId} ${p.location[0].pointer}${p.severity === "error" ? " ERROR" : ""}`,
      );
      expect(report.totals.errors, found.join("\n")).toBe(0);
      expect(found.filter((f: string) => !ACCEPTED.includes(f))).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    "passes Spectral's spectral:oas rules with no error and only the accepted warnings",
    async () => {
      await writeFile(path.join(dir, ".spectral.json"), '{ "extends": ["spectral:oas"] }');
      const { stdout, stderr } = await runTool(
        "spectral",
        ["lint", "openapi.json", "--ruleset", ".spectral.json", "--format", "json", "--quiet"],
        dir,
      );
      const results = JSON.parse(stdout.slice(stdout.indexOf("[")) || "null");
      expect(results, stderr).not.toBeNull();
      const found = results.map(
        (r: any) => `${r.code} ${r.path.join(".")}${r.severity === 0 ? " ERROR" : ""}`,
      );
      expect(results.filter((r: any) => r.severity === 0).length, found.join("\n")).toBe(0);
      expect(found.filter((f: string) => !ACCEPTED.includes(f))).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
