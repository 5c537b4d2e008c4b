import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

let doc: any;

/** Every operation of the document, as [label, operation]. */
const operations = (): [string, any][] =>
  Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): [string, any] => [
      `${method.toUpperCase()} ${path}`,
      item[method],
    ]),
  );

beforeAll(async () => {
  const res = await createApp().request("/openapi.json", {}, { LOG_LEVEL: "silent" });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  doc = JSON.parse(text);
});

describe("openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("has operations to check", () => {
    expect(operations().length).toBeGreaterThan(10);
  });

  it("declares the responses of every operation, with a success among them", () => {
    for (const [label, operation] of operations()) {
      const statuses = Object.keys(operation.responses ?? {});
      expect(statuses.length, label).toBeGreaterThan(0);
      expect(
        // 101: the WebSocket endpoints succeed by switching protocols.
        statuses.some((status) => /^([23]\d\d|101)$/.test(status)),
        label,
      ).toBe(true);
      for (const status of statuses) {
        expect(operation.responses[status].description, `${label} ${status}`).toBeTruthy();
      }
    }
  });

  it("describes every error response as problem+json", () => {
    for (const [label, operation] of operations()) {
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        // The health check answers its own JSON document when D1 is down.
        if (!/^[45]/.test(status) || label === "GET /health") continue;
        expect(Object.keys(response.content ?? {}), `${label} ${status}`).toEqual([
          "application/problem+json",
        ]);
      }
    }
  });

  it("declares the body errors on every operation that takes a JSON body", () => {
    for (const [label, operation] of operations()) {
      if (!operation.requestBody) continue;
      expect(operation.requestBody.required, label).toBe(true);
      expect(Object.keys(operation.requestBody.content), label).toEqual(["application/json"]);
      // Stripe's webhook reads its raw body itself: only a bad signature (400) or size (413).
      const statuses = label.endsWith("/stripe/webhook")
        ? ["400", "413"]
        : ["400", "413", "415", "422"];
      for (const status of statuses) {
        expect(operation.responses, `${label} ${status}`).toHaveProperty(status);
      }
    }
  });

  it("declares the JSON guard's answers on every POST, PUT and PATCH under /api/, bare ones too", () => {
    // The guard (src/lib/body.ts) runs before any such route, whether it takes a body or not.
    const guarded = operations().filter(
      ([label]) => /^(POST|PUT|PATCH) \/api\//.test(label) && !label.endsWith("/stripe/webhook"),
    );
    expect(guarded.filter(([, operation]) => !operation.requestBody).length).toBeGreaterThan(3);
    for (const [label, operation] of guarded) {
      for (const status of ["400", "413", "415", "422"]) {
        expect(operation.responses, `${label} ${status}`).toHaveProperty(status);
      }
    }
  });

  it("declares 401 on every operation that requires the bearer token", () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    for (const [label, operation] of operations()) {
      if (!operation.security?.some((requirement: any) => "bearerAuth" in requirement)) continue;
      expect(operation.responses, label).toHaveProperty("401");
    }
  });

  it("documents creates with 201 and a Location header", () => {
    for (const path of ["/api/auth/register", "/api/events", "/api/attendees"]) {
      const created = doc.paths[path].post.responses["201"];
      expect(created, path).toBeDefined();
      expect(created.headers, path).toHaveProperty("Location");
    }
  });
});
