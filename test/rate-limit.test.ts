import { describe, expect, it } from "vitest";
import { api, expectProblem, registerOrganizer } from "./helpers";

const login = (email: string, password: string, ip = "203.0.113.7") =>
  api("POST", "/api/auth/login", {
    body: { email, password },
    headers: { "CF-Connecting-IP": ip },
  });

describe("login rate limit", () => {
  it("answers 429 with Retry-After after 10 attempts a minute for one email from one client", async () => {
    const org = await registerOrganizer();
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await login(org.email, "wrong password"));
    for (const r of answers) expectProblem(r, 401, "invalid_credentials");

    const limited = await login(org.email, "correct horse battery");
    expectProblem(limited, 429, "rate_limited");
    expect(limited.headers.get("Retry-After")).toBe("60");

    // Other accounts, and the same account from another client, are unaffected.
    const other = await registerOrganizer();
    expect((await login(other.email, "correct horse battery")).status).toBe(200);
    expect((await login(org.email, "correct horse battery", "198.51.100.9")).status).toBe(200);
  });
});
