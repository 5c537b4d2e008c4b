import { describe, expect, it } from "vitest";
import { api } from "./helpers";

describe("health", () => {
  it("answers ok when D1 answers", async () => {
    const res = await api("GET", "/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", db: "ok" });
  });
});
