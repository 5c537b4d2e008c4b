import { describe, expect, it } from "vitest";
import { declaredAnswer, type OpenApiDocument, undeclaredFields } from "../declared-fields";

const doc: OpenApiDocument = {
  paths: {
    "/api/things/{id}": {
      get: {
        responses: {
          "200": {
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
        },
      },
    },
    "/api/things/export": {
      get: {
        responses: { "200": { content: { "application/json": { schema: { type: "string" } } } } },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: "object",
        properties: {
          id: { type: "string" },
          owner: { anyOf: [{ $ref: "#/components/schemas/Owner" }, { type: "null" }] },
          items: { type: "array", items: { $ref: "#/components/schemas/Owner" } },
          data: { type: "object" },
        },
      },
      Owner: { type: "object", properties: { name: { type: "string" } } },
    },
  },
};

const thing = declaredAnswer(doc, "GET", "/api/things/t1", 200) ?? {};

describe("undeclared fields of an answer", () => {
  it("names each field the schema leaves out, wherever it is", () => {
    const answer = {
      id: "t1",
      claimedAt: "2030-01-01",
      owner: { name: "A", hash: "x" },
      items: [{ name: "B" }, { name: "C", secret: 1 }],
    };
    expect(undeclaredFields(doc, thing, answer)).toEqual([
      "claimedAt",
      "owner.hash",
      "items[].secret",
    ]);
  });

  it("finds none in an answer the schema names in full, null alternatives and open objects included", () => {
    const answer = { id: "t1", owner: null, items: [], data: { anything: true } };
    expect(undeclaredFields(doc, thing, answer)).toEqual([]);
  });

  it("matches a literal path segment before a parameter, and nothing for an undeclared status", () => {
    expect(declaredAnswer(doc, "GET", "/api/things/export", 200)).toEqual({ type: "string" });
    expect(declaredAnswer(doc, "GET", "/api/things/t1", 404)).toBeUndefined();
    expect(declaredAnswer(doc, "GET", "/api/other", 200)).toBeUndefined();
  });
});
