import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_ENDPOINTS } from "../../src/webhooks/endpoints";
import { anyone, as, bodyOf, expectProblem } from "../client";
import { registerAttendee, registerOrganizer } from "../helpers";
import { createWebhook, receiverUrl } from "./helpers";

const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

describe("webhook endpoints", () => {
  it("creates an endpoint whose secret is shown once, 32 random bytes", async () => {
    const org = await registerOrganizer();
    const res = await as(org.token).api.webhooks.$post({
      json: { url: receiverUrl("ok"), events: ["booking.confirmed"], description: "CRM" },
    });
    const created = await bodyOf(res, 201);
    expect(res.headers.get("location")).toBe(`/api/webhooks/${created.id}`);
    expect(created).toMatchObject({
      events: ["booking.confirmed"],
      description: "CRM",
      enabled: true,
      disabledReason: null,
    });
    expect(created.secret).toMatch(SECRET);
    expect(atob(created.secret.slice("whsec_".length))).toHaveLength(32);
    const read = await bodyOf(
      await as(org.token).api.webhooks[":id"].$get({ param: { id: created.id } }),
      200,
    );
    expect(read).not.toHaveProperty("secret");
    const { secret: _, ...shown } = created;
    expect(read).toEqual(shown);
    // D1 keeps it sealed: a copy of the database signs nothing.
    const stored = await env.DB.prepare("SELECT secret FROM webhook_endpoints WHERE id = ?")
      .bind(created.id)
      .first<{ secret: string }>();
    expect(stored?.secret).not.toContain(created.secret.slice(6, 20));
  });

  it("lists, changes and deletes only the caller's own endpoints", async () => {
    const [org, other] = [await registerOrganizer(), await registerOrganizer()];
    const mine = await createWebhook(org.token);
    const theirs = await createWebhook(other.token);
    const page = await bodyOf(await as(org.token).api.webhooks.$get({ query: {} }), 200);
    expect(page.data.map((w) => w.id)).toEqual([mine.id]);
    expect(page.pagination).toEqual({ limit: 20, offset: 0, total: 1 });

    const api = as(org.token).api.webhooks[":id"];
    const param = { id: theirs.id };
    await expectProblem(await api.$get({ param }), 404, "webhook_not_found");
    await expectProblem(
      await api.$patch({ param, json: { enabled: false } }),
      404,
      "webhook_not_found",
    );
    await expectProblem(await api.$delete({ param }), 404, "webhook_not_found");
    await expectProblem(await api["rotate-secret"].$post({ param }), 404, "webhook_not_found");
    await expectProblem(await api.test.$post({ param }), 404, "webhook_not_found");
    await expectProblem(await api.deliveries.$get({ param, query: {} }), 404, "webhook_not_found");
    // Nothing of theirs changed.
    const still = await bodyOf(await as(other.token).api.webhooks[":id"].$get({ param }), 200);
    expect(still.enabled).toBe(true);

    const changed = await bodyOf(
      await api.$patch({
        param: { id: mine.id },
        json: { events: ["booking.cancelled"], description: null, enabled: false },
      }),
      200,
    );
    expect(changed).toMatchObject({
      events: ["booking.cancelled"],
      description: null,
      enabled: false,
    });
    await bodyOf(await api.$delete({ param: { id: mine.id } }), 200);
    await expectProblem(await api.$get({ param: { id: mine.id } }), 404, "webhook_not_found");
  });

  it("is for organizers: an attendee is refused, a missing token too", async () => {
    const attendee = await registerAttendee();
    const json = { url: receiverUrl("ok"), events: ["*" as const] };
    await expectProblem(await as(attendee.token).api.webhooks.$post({ json }), 403, "forbidden");
    await expectProblem(await anyone.api.webhooks.$post({ json }), 401, "unauthorized");
    await expectProblem(await anyone.api.webhooks.$get({ query: {} }), 401, "unauthorized");
  });

  it.each([
    ["http://crm.example.com/hook", "https"],
    ["https://localhost/hook", "public"],
    ["https://127.0.0.1/hook", "public"],
    ["https://2130706433/hook", "public"],
    ["https://10.1.2.3/hook", "public"],
    ["https://172.16.0.1/hook", "public"],
    ["https://192.168.1.10/hook", "public"],
    ["https://169.254.169.254/latest/meta-data", "public"],
    ["https://100.64.0.1/hook", "public"],
    ["https://[::1]/hook", "public"],
    ["https://[fd00:ec2::254]/hook", "public"],
    ["https://[fe80::1]/hook", "public"],
    ["https://[::ffff:10.0.0.1]/hook", "public"],
    ["https://metadata.google.internal/computeMetadata", "public"],
    ["https://intranet/hook", "public"],
    ["https://user:pass@crm.example.com/hook", "credentials"],
    ["crm.example.com/hook", "absolute"],
  ])("refuses %s with 422 on url", async (url, reason) => {
    const org = await registerOrganizer();
    const problem = await expectProblem(
      await as(org.token).api.webhooks.$post({ json: { url, events: ["*"] } }),
      422,
      "validation_failed",
    );
    expect(problem.errors?.[0]?.path).toBe("url");
    expect(problem.errors?.[0]?.message.toLowerCase()).toContain(reason);
    const created = await bodyOf(
      await as(org.token).api.webhooks.$post({ json: { url: receiverUrl("ok"), events: ["*"] } }),
      201,
    );
    await expectProblem(
      await as(org.token).api.webhooks[":id"].$patch({ param: { id: created.id }, json: { url } }),
      422,
      "validation_failed",
    );
    const list = await bodyOf(await as(org.token).api.webhooks.$get({ query: {} }), 200);
    expect(list.data.map((w) => w.url)).toEqual([created.url]);
  });

  it("refuses unknown event types and repeated ones", async () => {
    const org = await registerOrganizer();
    for (const events of [["booking.exploded"], [], ["booking.confirmed", "booking.confirmed"]]) {
      const problem = await expectProblem(
        await as(org.token).api.webhooks.$post({
          json: { url: receiverUrl("ok"), events: events as ["*"] },
        }),
        422,
        "validation_failed",
      );
      expect(problem.errors?.[0]?.path).toMatch(/^events/);
    }
  });

  it(`keeps at most ${MAX_ENDPOINTS} endpoints per organizer, even created all at once`, async () => {
    const org = await registerOrganizer();
    const answers = await Promise.all(
      Array.from({ length: MAX_ENDPOINTS + 5 }, () =>
        as(org.token).api.webhooks.$post({ json: { url: receiverUrl("ok"), events: ["*"] } }),
      ),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(MAX_ENDPOINTS);
    for (const res of answers.filter((r) => r.status !== 201)) {
      await expectProblem(res, 422, "validation_failed");
    }
  });

  it("rotates the secret: a new one each time, never shown again", async () => {
    const org = await registerOrganizer();
    const created = await createWebhook(org.token);
    const api = as(org.token).api.webhooks[":id"]["rotate-secret"];
    const { secret } = await bodyOf(await api.$post({ param: { id: created.id } }), 200);
    expect(secret).toMatch(SECRET);
    expect(secret).not.toBe(created.secret);
  });
});
