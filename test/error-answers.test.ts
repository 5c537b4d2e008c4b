import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";
import type { ProblemCode } from "../src/lib/problem";
import { anyone, as, bodyOf, client, expectProblem, type RawAnswer, raw } from "./client";
import {
  BASE,
  createEvent,
  fromNewClient,
  registerAttendee,
  registerOrganizer,
  unique,
} from "./helpers";

/** The real app with one extra route that throws what a library would throw. */
const throwing = async (status: number, logLevel = "silent"): Promise<RawAnswer> => {
  const app = createApp();
  app.get("/throw", () => {
    throw new HTTPException(status as 400, { message: "library detail" });
  });
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}/throw`), { ...env, LOG_LEVEL: logLevel }, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
};

describe("a library's HTTPException keeps its meaning", () => {
  it.each<[number, number, ProblemCode]>([
    [400, 400, "invalid_json"],
    [401, 401, "unauthorized"],
    [403, 403, "forbidden"],
    [404, 404, "not_found"],
    [405, 404, "not_found"],
    [413, 413, "payload_too_large"],
    [415, 415, "unsupported_media_type"],
    [422, 422, "validation_failed"],
    [429, 429, "rate_limited"],
    [503, 503, "overloaded"],
  ])("%i becomes %i %s", async (thrown, status, code) => {
    await expectProblem(await throwing(thrown), status, code);
  });

  it("an unexpected status is a logged 500, not a client error", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await throwing(418, "error");
      await expectProblem(res, 500, "internal_error");
      expect(JSON.stringify(res.body)).not.toContain("library detail");
      expect(errors).toHaveBeenCalledTimes(1);
      expect(JSON.parse(String(errors.mock.calls[0]?.[0]))).toMatchObject({
        level: "error",
        msg: "unhandled error",
        path: "/throw",
      });
    } finally {
      errors.mockRestore();
    }
  });
});

/**
 * JSON written by hand, since a lone surrogate is what is under test: each call comes from a
 * client of its own, as the attendees registering here would.
 */
const rawJson = (method: string, path: string, json: string, token?: string) =>
  raw(method, path, { body: json, headers: fromNewClient(), ...(token ? { token } : {}) });

describe("text must be well-formed Unicode", () => {
  it("refuses a lone surrogate with 422 naming the field, and stores nothing", async () => {
    const email = `${unique("lone")}@example.com`;
    const res = await rawJson("POST", "/api/attendees", `{"name":"Jo\\ud800e","email":"${email}"}`);
    const problem = await expectProblem(res, 422, "validation_failed");
    expect(problem.errors).toEqual([{ path: "name", message: expect.any(String) }]);
    const again = await rawJson("POST", "/api/attendees", `{"name":"Joe","email":"${email}"}`);
    expect(again.status).toBe(201);
  });

  it("refuses one anywhere in a body: nested, trailing, in a description", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const patched = await rawJson(
      "PATCH",
      `/api/events/${event.id}`,
      '{"description":"fine \\udc00"}',
      organizer.token,
    );
    const patchProblem = await expectProblem(patched, 422, "validation_failed");
    expect(patchProblem.errors?.[0]?.path).toBe("description");
    const attendee = await registerAttendee();
    const device = await rawJson(
      "POST",
      `/api/attendees/${attendee.id}/devices`,
      '{"platform":"ios","token":"\\ud83d"}',
      attendee.token,
    );
    const deviceProblem = await expectProblem(device, 422, "validation_failed");
    expect(deviceProblem.errors?.[0]?.path).toBe("token");
  });

  it("accepts a well-formed pair written as escapes and reads it back unchanged", async () => {
    const email = `${unique("pair")}@example.com`;
    const res = await rawJson(
      "POST",
      "/api/attendees",
      `{"name":"Party \\ud83c\\udf89","email":"${email}"}`,
    );
    expect(res.status).toBe(201);
    expect(res.body.attendee.name).toBe("Party 🎉");
    const read = await as(res.body.token).api.attendees[":id"].$get({
      param: { id: res.body.attendee.id },
    });
    expect((await bodyOf(read, 200)).name).toBe("Party 🎉");
  });
});

describe("every 401 carries WWW-Authenticate: Bearer", () => {
  it("on a missing token, a forged one, bad credentials and the notification stream", async () => {
    const answers = [
      await anyone.api.auth.me.$get(),
      await as("not-a-jwt").api.auth.me.$get(),
      await as("at_forged").api.bookings.$get({ query: {} }),
      await client({ headers: { "CF-Connecting-IP": "192.0.2.77" } }).api.auth.login.$post({
        json: { email: `${unique("nobody")}@example.com`, password: "wrong password" },
      }),
      await client({ headers: { Upgrade: "websocket" } }).api.notifications.stream.$get({
        query: {},
        header: {},
      }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
    }
    const ok = await anyone.api.events.$get({ query: {} });
    expect(ok.headers.get("WWW-Authenticate")).toBeNull();
  });
});
