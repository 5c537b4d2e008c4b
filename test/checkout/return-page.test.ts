import { describe, expect, it } from "vitest";
import { expectProblem, raw } from "../client";
import { paidBooking, returnPage } from "./helpers";

describe("GET /payments/return", () => {
  it("says a booking still awaits its payment, and looks again by itself", async () => {
    const { sessionId } = await paidBooking({ title: "Return gala", locale: "de" });
    const res = await returnPage(sessionId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("<h1>Return gala</h1>");
    expect(html).toContain("50,00\u00a0€");
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("Wir haben noch keine Bestätigung Ihrer Zahlung");
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
    expect(html).not.toContain("<form");
    expect(html).not.toContain("Sandbox");
  });

  it("answers 404 for an unknown or malformed session, 422 without one", async () => {
    for (const id of ["cs_unknown", "../etc", "", "cs_a%20b"]) {
      await expectProblem(await returnPage(id), 404, "not_found");
    }
    // Raw: the typed client always sends the session.
    await expectProblem(await raw("GET", "/payments/return"), 422, "validation_failed");
  });
});
