import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";
import {
  api,
  BASE,
  createEvent,
  expectProblem,
  fromNewClient,
  registerAttendee,
  registerOrganizer,
  unique,
} from "./helpers";

/** The real app with one extra route that throws what a library would throw. */
const throwing = async (status: number, logLevel = "silent") => {
  const app = createApp();
  app.get("/throw", () => {
    throw new HTTPException(status as 400, { message: "library detail" });
  });
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}/throw`), { ...env, LOG_LEVEL: logLevel }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

describe("a library's HTTPException keeps its meaning", () => {
  it.each([
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
    expectProblem(await throwing(thrown), status, code);
  });

  it("an unexpected status is a logged 500, not a client error", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await throwing(418, "error");
      expectProblem(res, 500, "internal_error");
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

/** Each call comes from a client of its own, as the attendees registering here would. */
const raw = (method: string, path: string, json: string, token?: string) =>
  api(method, path, { body: json, headers: fromNewClient(), ...(token ? { token } : {}) });

describe("text must be well-formed Unicode", () => {
  it("refuses a lone surrogate with 422 naming the field, and stores nothing", async () => {
    const email = `${unique("lone")}@example.com`;
    const res = await raw("POST", "/api/attendees", `{"name":"Jo\\ud800e","email":"${email}"}`);
    expectProblem(res, 422, "validation_failed");
    expect(res.body.errors).toEqual([{ path: "name", message: expect.any(String) }]);
    const again = await raw("POST", "/api/attendees", `{"name":"Joe","email":"${email}"}`);
    expect(again.status).toBe(201);
  });

  it("refuses one anywhere in a body: nested, trailing, in a description", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const patched = await raw(
      "PATCH",
      `/api/events/${event.id}`,
      '{"description":"fine \\udc00"}',
      organizer.token,
    );
    expectProblem(patched, 422, "validation_failed");
    expect(patched.body.errors[0].path).toBe("description");
    const attendee = await registerAttendee();
    const device = await raw(
      "POST",
      `/api/attendees/${attendee.id}/devices`,
      '{"platform":"ios","token":"\\ud83d"}',
      attendee.token,
    );
    expectProblem(device, 422, "validation_failed");
    expect(device.body.errors[0].path).toBe("token");
  });

  it("accepts a well-formed pair written as escapes and reads it back unchanged", async () => {
    const email = `${unique("pair")}@example.com`;
    const res = await raw(
      "POST",
      "/api/attendees",
      `{"name":"Party \\ud83c\\udf89","email":"${email}"}`,
    );
    expect(res.status).toBe(201);
    expect(res.body.attendee.name).toBe("Party 🎉");
    const read = await api("GET", `/api/attendees/${res.body.attendee.id}`, {
      token: res.body.token,
    });
    expect(read.body.name).toBe("Party 🎉");
  });
});

describe("every 401 carries WWW-Authenticate: Bearer", () => {
  it("on a missing token, a forged one, bad credentials and the notification stream", async () => {
    const answers = [
      await api("GET", "/api/auth/me"),
      await api("GET", "/api/auth/me", { token: "not-a-jwt" }),
      await api("GET", "/api/bookings", { token: "at_forged" }),
      await api("POST", "/api/auth/login", {
        body: { email: `${unique("nobody")}@example.com`, password: "wrong password" },
        headers: { "CF-Connecting-IP": "192.0.2.77" },
      }),
      await api("GET", "/api/notifications/stream", { headers: { Upgrade: "websocket" } }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
    }
    const ok = await api("GET", "/api/events");
    expect(ok.headers.get("WWW-Authenticate")).toBeNull();
  });
});
