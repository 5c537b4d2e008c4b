import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";

describe("openapi", () => {
  it("validates", async () => {
    const res = await createApp().request("/openapi.json", {}, { LOG_LEVEL: "error" });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as any;
    const result = await new Validator().validate(doc);
    console.log(JSON.stringify(result).slice(0, 2000));
    console.log(JSON.stringify(doc.paths["/api/events"].post.requestBody).slice(0, 1500));
    console.log(JSON.stringify(doc.paths["/api/events"].get.parameters).slice(0, 1500));
    expect(result.valid).toBe(true);
  });
});
