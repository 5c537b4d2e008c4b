import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/domain/languages";
import { noticeEmail } from "../../src/webhooks/notice";
import {
  JITTER,
  MAX_QUEUE_DELAY_S,
  nextAttemptAt,
  queueDelaySeconds,
  RETRY_DELAYS_MS,
  retryAfterMs,
} from "../../src/webhooks/schedule";
import { webhookUrlProblem } from "../../src/webhooks/url";

describe("where webhooks may go", () => {
  it.each([
    "https://crm.example.com/hooks",
    "https://93.184.216.34/hook",
    "https://[2606:4700::6810:84e5]/hook",
    "https://crm.example.com:8443/hooks?source=event-booking",
  ])("accepts %s", (url) => {
    expect(webhookUrlProblem(url, false)).toBeNull();
  });

  it("lets local development receive on its own machine, and only there", () => {
    for (const url of ["http://localhost:3000/hook", "http://127.0.0.1:9000/", "http://[::1]/x"]) {
      expect(webhookUrlProblem(url, true)).toBeNull();
      expect(webhookUrlProblem(url, false)).not.toBeNull();
    }
    for (const url of ["http://10.0.0.1/", "https://192.168.0.2/", "http://crm.example.com/"]) {
      expect(webhookUrlProblem(url, true)).not.toBeNull();
    }
  });

  it("refuses every address written in the private IPv4 ranges, in any notation the URL parser reads", () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const privateAddress = fc.oneof(
      fc.tuple(fc.constant(10), octet, octet, octet),
      fc.tuple(fc.constant(127), octet, octet, octet),
      fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
      fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
    );
    fc.assert(
      fc.property(privateAddress, fc.boolean(), (parts, asNumber) => {
        const host = asNumber ? String(parts.reduce((n, p) => n * 256 + p, 0)) : parts.join(".");
        expect(webhookUrlProblem(`https://${host}/hook`, false)).not.toBeNull();
        expect(webhookUrlProblem(`https://[::ffff:${parts.join(".")}]/hook`, false)).not.toBeNull();
      }),
    );
  });
});

describe("the retry schedule", () => {
  it("keeps each delay within ±10 % of the documented one, and stops after the eighth", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (attempt, random) => {
          const delay = (nextAttemptAt(attempt, 0, random) ?? Number.NaN) - 0;
          const planned = RETRY_DELAYS_MS[attempt - 1] ?? 0;
          expect(delay).toBeGreaterThanOrEqual(planned * (1 - JITTER));
          expect(delay).toBeLessThanOrEqual(planned * (1 + JITTER));
        },
      ),
    );
    expect(nextAttemptAt(9, 0, 0.5)).toBeNull();
  });

  it("waits as long as Retry-After asks, up to a day, never less than the schedule", () => {
    expect(nextAttemptAt(1, 0, 0.5, 3_600_000)).toBe(3_600_000);
    expect(nextAttemptAt(1, 0, 0.5, 10 * 86_400_000)).toBe(86_400_000);
    expect(nextAttemptAt(3, 0, 0.5, 1000)).toBe(30 * 60_000);
    expect(retryAfterMs("120", 0)).toBe(120_000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("2015-10-21T07:27:00Z"))).toBe(
      60_000,
    );
    expect(retryAfterMs("soon", 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });

  it("never asks the queue for more than 12 hours' delay", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 86_400_000 }), (ms) => {
        const delay = queueDelaySeconds(ms, 0);
        expect(delay).toBeLessThanOrEqual(MAX_QUEUE_DELAY_S);
        expect(delay).toBeGreaterThanOrEqual(Math.min(MAX_QUEUE_DELAY_S, Math.floor(ms / 1000)));
      }),
    );
  });
});

describe("the organizer's notice", () => {
  it.each(LANGUAGES)("says both reasons in %s, with the endpoint's address", (language) => {
    const organizer = { name: "Symfony Events Ltd", email: "ops@example.com" };
    const texts = (["gone", "failing"] as const).map((reason) =>
      noticeEmail(
        {
          kind: "webhook.disabled",
          id: "n-1",
          endpointId: "wh-1",
          organizerId: "org-1",
          url: "https://crm.example.com/<hook>",
          reason,
          language,
          occurredAt: "2030-01-01T00:00:00.000Z",
        },
        organizer,
      ),
    );
    const [gone, failing] = texts;
    expect(gone?.text).not.toBe(failing?.text);
    for (const email of texts) {
      expect(email.subject).toContain("https://crm.example.com/<hook>");
      expect(email.text).toContain("Symfony Events Ltd");
      expect(email.text).not.toMatch(/\{\w+\}/);
      expect(email.html).toContain("https://crm.example.com/&lt;hook&gt;");
      expect(email.html).toContain(`lang="${language}"`);
    }
  });
});
