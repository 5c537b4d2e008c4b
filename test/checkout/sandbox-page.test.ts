import { describe, expect, it } from "vitest";
import { expectProblem, raw } from "../client";
import { paidBooking, sandboxPage } from "./helpers";

const expectPageHeaders = (headers: Headers) => {
  expect(headers.get("content-type")).toBe("text/html; charset=utf-8");
  const csp = headers.get("content-security-policy") ?? "";
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("script-src");
  expect(csp).not.toContain("unsafe-inline");
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("no-referrer");
  expect(headers.get("cache-control")).toBe("no-store");
};

describe("GET /sandbox/checkout/{sessionId}", () => {
  it("shows the event, seats, amount and hold in the attendee's language, with Pay and Decline", async () => {
    const { sessionId } = await paidBooking({
      title: "Gala de printemps",
      locale: "fr",
      price: 2500,
      seats: 2,
    });
    const res = await sandboxPage(sessionId);
    expect(res.status).toBe(200);
    expectPageHeaders(res.headers);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Bac à sable — aucun argent réel n’est débité");
    expect(html).toContain("<h1>Gala de printemps</h1>");
    expect(html).toContain("mercredi 1 mai 2030");
    expect(html).toContain("50,00\u00a0€");
    expect(html).toMatch(/Réservé jusqu’au<\/dt><dd>[^<]* à [^<]*\(encore (29|30)\u00a0min\)/);
    expect(html).toContain(">Payer</button>");
    expect(html).toContain(">Refuser</button>");
    expect(html).toContain(`<form method="post" action="/sandbox/checkout/${sessionId}/pay">`);
    expect(html).toContain(`<form method="post" action="/sandbox/checkout/${sessionId}/decline">`);
    expect(html).not.toContain("<script");
    const nonce = res.headers.get("content-security-policy")?.match(/'nonce-([0-9a-f]+)'/)?.[1];
    expect(html).toContain(`<style nonce="${nonce}">`);
  });

  it("escapes a hostile event title and attendee name", async () => {
    const { sessionId } = await paidBooking({
      title: `<script>alert(1)</script> & "Gala"`,
      attendeeName: `<img src=x onerror=alert(2)>`,
    });
    const html = await (await sandboxPage(sessionId)).text();
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Gala&quot;");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
  });

  it("answers 404 for an unknown, malformed or differently cased session id", async () => {
    const { sessionId } = await paidBooking();
    const unknown = [
      "cs_sandbox_0000",
      "cs_",
      "xx_sandbox_1",
      `${sessionId}x`,
      "cs_a-b",
      `cs_${"a".repeat(201)}`,
    ];
    for (const id of [...unknown, sessionId.toUpperCase().replace("CS_", "cs_")]) {
      await expectProblem(
        await raw("GET", `/sandbox/checkout/${encodeURIComponent(id)}`),
        404,
        "not_found",
      );
    }
    await expectProblem(
      await raw("GET", "/sandbox/checkout/cs_%27%20OR%201%3D1"),
      404,
      "not_found",
    );
  });
});
