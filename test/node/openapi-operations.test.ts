import { beforeAll, describe, expect, it } from "vitest";
import { openapiDocument } from "./document";

const METHODS = ["get", "put", "post", "delete", "patch"];

let doc: any;

const operations = (): [string, string, any][] =>
  Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): [string, string, any] => [
      path,
      method,
      item[method],
    ]),
  );

/** Every value under `node` whose key is `key`, with its JSON path. */
const collect = (node: unknown, key: string, at = "#"): [string, unknown][] => {
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => [
    ...(k === key ? [[`${at}/${k}`, v] as [string, unknown]] : []),
    ...collect(v, key, `${at}/${k}`),
  ]);
};

beforeAll(async () => {
  doc = await openapiDocument();
});

describe("operations of /openapi.json", () => {
  it("each has a unique operationId, a summary, a description and a declared tag", () => {
    const declared = doc.tags.map((tag: any) => tag.name);
    const ids = operations().map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, method, op] of operations()) {
      const label = `${method} ${path}`;
      expect(op.operationId, label).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary, label).toBeTruthy();
      expect(op.description, label).toBeTruthy();
      expect(op.tags?.length, label).toBe(1);
      expect(declared, label).toContain(op.tags[0]);
    }
  });

  it("declares security on every operation: the bearer token, or none for public ones", () => {
    const publicOps = operations()
      .filter(([, , op]) => op.security.length === 0)
      .map(([path, method]) => `${method} ${path}`);
    expect(publicOps.sort()).toEqual([
      "get /.well-known/ticket-keys.json",
      "get /api/events",
      "get /api/events/{id}",
      "get /api/events/{id}/live",
      "get /api/events/{id}/queue/{entryId}/live",
      "get /api/events/{id}/ticket-types",
      "get /api/notifications/stream",
      "get /api/organizers/{id}",
      "get /health",
      "get /payments/return",
      "get /sandbox/checkout/{sessionId}",
      "get /tickets/{bookingId}",
      "post /api/attendees",
      "post /api/auth/login",
      "post /api/auth/register",
      "post /api/payments/stripe/webhook",
      "post /sandbox/checkout/{sessionId}/decline",
      "post /sandbox/checkout/{sessionId}/pay",
    ]);
  });

  it("declares every path parameter, and the stream's ticket and token", () => {
    for (const [path, method, op] of operations()) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p: any) => p.in === "path");
      expect(declared.map((p: any) => p.name).sort(), `${method} ${path}`).toEqual(names.sort());
      for (const param of declared) expect(param.required, `${method} ${path}`).toBe(true);
    }
    const stream = doc.paths["/api/notifications/stream"].get.parameters;
    for (const name of ["ticket", "token"]) {
      expect(stream).toContainEqual(expect.objectContaining({ name, in: "query" }));
    }
    expect(doc.paths["/api/notifications/stream"].get.responses).toHaveProperty("422");
  });

  it("gives every date-time example in the future, in UTC with Z", () => {
    const examples = collect(doc, "format")
      .filter(([, format]) => format === "date-time")
      .map(([at]) => at.replace(/\/format$/, "/example"));
    const resolve = (pointer: string) =>
      pointer
        .slice(2)
        .split("/")
        .reduce((node: any, key) => node?.[key], doc);
    const given = examples.filter((pointer) => resolve(pointer) !== undefined);
    expect(given.length).toBeGreaterThan(5);
    for (const pointer of given) {
      const example = resolve(pointer);
      expect(example, pointer).toMatch(/Z$/);
      expect(Date.parse(example), pointer).toBeGreaterThan(Date.now());
    }
  });
});

describe("schemas that match what the server does", () => {
  it("types Cancellation.promoted as a Booking or null", () => {
    expect(doc.components.schemas.Cancellation.properties.promoted.anyOf).toEqual([
      { $ref: "#/components/schemas/Booking" },
      { type: "null" },
    ]);
  });

  it("declares limit and offset as plain integers: null is not a value", () => {
    const params = doc.paths["/api/events"].get.parameters;
    for (const name of ["limit", "offset"]) {
      const param = params.find((p: any) => p.name === name);
      expect(param.schema.type, name).toBe("integer");
    }
  });

  it("leaves defaulted fields of a create body optional", () => {
    const body = doc.paths["/api/events"].post.requestBody.content["application/json"].schema;
    expect(body.required).not.toContain("waitlistEnabled");
    expect(body.required).not.toContain("status");
    expect(body.properties.status.enum).toEqual(["scheduled", "cancelled"]);
  });

  it("says partial updates need at least one field, as the server answers 422 to {}", () => {
    for (const name of ["UpdateEvent", "UpdateAttendee"]) {
      expect(doc.components.schemas[name].minProperties, name).toBe(1);
    }
  });
});
