import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  api,
  expectProblem,
  organizerBookedBy,
  postAttendee,
  registerAttendee,
  registerOrganizer,
  unique,
} from "./helpers";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const newEmail = () => `${unique("attendee")}@example.com`;

const createAttendee = (body: Record<string, unknown>) =>
  postAttendee({ name: "John Doe", email: newEmail(), ...body });

const expectFieldError = (res: any, path: string) => {
  expectProblem(res, 422, "validation_failed");
  expect(res.body.errors.map((error: any) => error.path)).toContain(path);
};

describe("POST /api/attendees", () => {
  it("registers without authentication: 201, Location, the attendee and a token", async () => {
    const email = newEmail();
    const res = await postAttendee({ name: "John Doe", email });

    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("location")).toBe(`/api/attendees/${res.body.attendee.id}`);
    expect(res.body.attendee).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      name: "John Doe",
      email,
      locale: "en",
      createdAt: expect.stringMatching(ISO_UTC),
    });
    expect(res.body.attendee).not.toHaveProperty("token");
    expect(res.body.attendee).not.toHaveProperty("tokenHash");

    const self = await api("GET", `/api/attendees/${res.body.attendee.id}`, {
      token: res.body.token,
    });
    expect(self.status).toBe(200);
    expect(self.body).toEqual(res.body.attendee);
  });

  it("issues an at_ token with at least 128 bits of randomness, different every time", async () => {
    const [first, second] = [await createAttendee({}), await createAttendee({})];
    for (const { body } of [first, second]) {
      expect(body.token).toMatch(/^at_[A-Za-z0-9_-]+$/);
      // Base64url carries 6 bits a character.
      expect((body.token.length - 3) * 6).toBeGreaterThanOrEqual(128);
    }
    expect(first.body.token).not.toBe(second.body.token);
  });

  it("canonicalizes the locale", async () => {
    const res = await createAttendee({ locale: "fr-ca" });
    expect(res.status).toBe(201);
    expect(res.body.attendee.locale).toBe("fr-CA");
  });

  it.each(["not a locale", "x", "en_US", "123"])(
    "refuses the locale %j with 422 on locale",
    async (locale) => {
      expectFieldError(await createAttendee({ locale }), "locale");
    },
  );

  it("refuses a duplicate email with 409 attendee_exists, in any case", async () => {
    const email = newEmail();
    expect((await createAttendee({ email })).status).toBe(201);
    expectProblem(await createAttendee({ email }), 409, "attendee_exists");
    expectProblem(await createAttendee({ email: email.toUpperCase() }), 409, "attendee_exists");
  });

  it.each([
    ["a missing name", { name: undefined }, "name"],
    ["an empty name", { name: "" }, "name"],
    ["a malformed email", { email: "john.example.com" }, "email"],
  ])("refuses %s with 422", async (_, overrides, path) => {
    expectFieldError(await createAttendee(overrides), path);
  });
});

describe("GET /api/attendees", () => {
  it("is for organizers only", async () => {
    const attendee = await registerAttendee();
    expectProblem(await api("GET", "/api/attendees"), 401, "unauthorized");
    expectProblem(await api("GET", "/api/attendees", { token: attendee.token }), 403, "forbidden");
  });

  it("lists attendees with pagination", async () => {
    const tag = unique("paged").replaceAll("-", "");
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await registerAttendee(`${tag} ${i}`));
    const organizer = await organizerBookedBy(...created);

    const first = await api("GET", `/api/attendees?q=${tag}&limit=2`, { token: organizer.token });
    expect(first.status).toBe(200);
    expect(first.body.pagination).toEqual({ limit: 2, offset: 0, total: 3 });
    expect(first.body.data).toHaveLength(2);
    const second = await api("GET", `/api/attendees?q=${tag}&limit=2&offset=2`, {
      token: organizer.token,
    });
    expect(second.body.pagination).toEqual({ limit: 2, offset: 2, total: 3 });
    const ids = [...first.body.data, ...second.body.data].map((a: any) => a.id);
    expect(ids.sort()).toEqual(created.map((a) => a.id).sort());
    for (const item of first.body.data) {
      expect(Object.keys(item).sort()).toEqual(["createdAt", "email", "id", "locale", "name"]);
    }

    const defaults = await api("GET", "/api/attendees", { token: organizer.token });
    expect(defaults.status).toBe(200);
    expect(defaults.body.pagination).toMatchObject({ limit: 20, offset: 0 });
    expect(defaults.body.pagination.total).toBeGreaterThanOrEqual(3);
  });

  it.each(["limit=0", "limit=101", "limit=abc", "offset=-1"])(
    "refuses ?%s with 422",
    async (query) => {
      const organizer = await registerOrganizer();
      const res = await api("GET", `/api/attendees?${query}`, { token: organizer.token });
      expectProblem(res, 422, "validation_failed");
    },
  );

  it("matches q against name or email, case-insensitively", async () => {
    const tag = unique("Q").replaceAll("-", "");
    const byName = await postAttendee({ name: `Ada ${tag}`, email: newEmail() });
    const byEmail = await postAttendee({ name: "Grace Hopper", email: `${tag}@example.com` });
    const organizer = await organizerBookedBy(
      { id: byName.body.attendee.id, token: byName.body.token },
      { id: byEmail.body.attendee.id, token: byEmail.body.token },
      await registerAttendee("Someone Else"),
    );

    const res = await api("GET", `/api/attendees?q=${tag.toUpperCase()}`, {
      token: organizer.token,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.map((a: any) => a.id).sort()).toEqual(
      [byName.body.attendee.id, byEmail.body.attendee.id].sort(),
    );
    expect(res.body.pagination.total).toBe(2);
  });

  it("matches % and _ in q literally", async () => {
    const tag = unique("lit").replaceAll("-", "");
    const literal = await registerAttendee(`${tag} 100%_sure`);
    const organizer = await organizerBookedBy(literal, await registerAttendee(`${tag} 100xxsure`));
    const res = await api("GET", `/api/attendees?q=${encodeURIComponent("100%_")}`, {
      token: organizer.token,
    });
    expect(res.body.data.map((a: any) => a.id)).toEqual([literal.id]);
  });
});

describe("GET /api/attendees/{id}", () => {
  it("answers the attendee to themselves and to an organizer whose event they booked", async () => {
    const attendee = await registerAttendee();
    const organizer = await organizerBookedBy(attendee);
    const { token, ...expected } = attendee;

    const self = await api("GET", `/api/attendees/${attendee.id}`, { token });
    expect(self.status).toBe(200);
    expect(self.body).toEqual(expected);
    const byOrganizer = await api("GET", `/api/attendees/${attendee.id}`, {
      token: organizer.token,
    });
    expect(byOrganizer.status).toBe(200);
    expect(byOrganizer.body).toEqual(expected);
  });

  it("answers 403 to another attendee and 401 without a token", async () => {
    const [attendee, other] = [await registerAttendee(), await registerAttendee()];
    const path = `/api/attendees/${attendee.id}`;
    expectProblem(await api("GET", path, { token: other.token }), 403, "forbidden");
    expectProblem(await api("GET", path), 401, "unauthorized");
    expectProblem(await api("GET", path, { token: "at_forged" }), 401, "unauthorized");
  });

  it("answers 404 attendee_not_found to an organizer for an unknown id", async () => {
    const organizer = await registerOrganizer();
    for (const id of ["0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e", "x".repeat(300)]) {
      const res = await api("GET", `/api/attendees/${id}`, { token: organizer.token });
      expectProblem(res, 404, "attendee_not_found");
    }
  });
});

describe("PATCH /api/attendees/{id}", () => {
  it("lets attendees change their own name, email and locale", async () => {
    const attendee = await registerAttendee();
    const email = newEmail();
    const res = await api("PATCH", `/api/attendees/${attendee.id}`, {
      token: attendee.token,
      body: { name: "Jane Doe", email: email.toUpperCase(), locale: "pt-br" },
    });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: attendee.id,
      name: "Jane Doe",
      email,
      locale: "pt-BR",
      createdAt: attendee.createdAt,
    });
    const stored = await api("GET", `/api/attendees/${attendee.id}`, { token: attendee.token });
    expect(stored.body).toEqual(res.body);
  });

  it("changes only the fields given", async () => {
    const attendee = await registerAttendee();
    const res = await api("PATCH", `/api/attendees/${attendee.id}`, {
      token: attendee.token,
      body: { locale: "de" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: attendee.name, email: attendee.email, locale: "de" });
  });

  it("answers 403 to another attendee and to an organizer, changing nothing", async () => {
    const [attendee, other] = [await registerAttendee(), await registerAttendee()];
    const organizer = await registerOrganizer();
    const path = `/api/attendees/${attendee.id}`;
    const body = { name: "Hijacked" };
    expectProblem(await api("PATCH", path, { token: other.token, body }), 403, "forbidden");
    expectProblem(await api("PATCH", path, { token: organizer.token, body }), 403, "forbidden");
    expectProblem(await api("PATCH", path, { body }), 401, "unauthorized");
    const stored = await api("GET", path, { token: attendee.token });
    expect(stored.body.name).toBe(attendee.name);
  });

  it("refuses an email another attendee holds with 409 attendee_exists, changing nothing", async () => {
    const [attendee, other] = [await registerAttendee(), await registerAttendee()];
    const res = await api("PATCH", `/api/attendees/${attendee.id}`, {
      token: attendee.token,
      body: { name: "Renamed", email: other.email.toUpperCase() },
    });
    expectProblem(res, 409, "attendee_exists");
    const stored = await api("GET", `/api/attendees/${attendee.id}`, { token: attendee.token });
    expect(stored.body).toMatchObject({ name: attendee.name, email: attendee.email });
  });

  it("accepts the attendee's own current email", async () => {
    const attendee = await registerAttendee();
    const res = await api("PATCH", `/api/attendees/${attendee.id}`, {
      token: attendee.token,
      body: { email: attendee.email },
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ["an empty body", {}, ""],
    ["a bad locale", { locale: "not a locale" }, "locale"],
    ["an empty name", { name: "" }, "name"],
    ["a malformed email", { email: "nope" }, "email"],
  ])("refuses %s with 422, changing nothing", async (_, body, path) => {
    const attendee = await registerAttendee();
    const res = await api("PATCH", `/api/attendees/${attendee.id}`, {
      token: attendee.token,
      body,
    });
    expectFieldError(res, path);
    const { token, ...expected } = attendee;
    const stored = await api("GET", `/api/attendees/${attendee.id}`, { token });
    expect(stored.body).toEqual(expected);
  });
});

describe("DELETE /api/attendees/{id}", () => {
  it("deletes the attendee; their token stops working", async () => {
    const attendee = await registerAttendee();
    const organizer = await registerOrganizer();
    const res = await api("DELETE", `/api/attendees/${attendee.id}`, { token: attendee.token });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: "Attendee deleted" });
    expectProblem(
      await api("GET", `/api/attendees/${attendee.id}`, { token: attendee.token }),
      401,
      "unauthorized",
    );
    expectProblem(
      await api("GET", `/api/attendees/${attendee.id}`, { token: organizer.token }),
      404,
      "attendee_not_found",
    );
    // The email is free again.
    expect((await createAttendee({ email: attendee.email })).status).toBe(201);
  });

  it("answers 403 to another attendee and to an organizer, keeping the attendee", async () => {
    const [attendee, other] = [await registerAttendee(), await registerAttendee()];
    const organizer = await registerOrganizer();
    const path = `/api/attendees/${attendee.id}`;
    expectProblem(await api("DELETE", path, { token: other.token }), 403, "forbidden");
    expectProblem(await api("DELETE", path, { token: organizer.token }), 403, "forbidden");
    expectProblem(await api("DELETE", path), 401, "unauthorized");
    expect((await api("GET", path, { token: attendee.token })).status).toBe(200);
  });
});

describe("attendee tokens at rest", () => {
  it("are stored only as a hash", async () => {
    const attendee = await registerAttendee();
    // Without the prefix too, in case a column kept only the random part.
    const secret = attendee.token.slice(3);
    const { results } = await env.DB.prepare("SELECT * FROM attendees").all();
    expect(results.some((row) => row.id === attendee.id)).toBe(true);
    expect(JSON.stringify(results)).not.toContain(secret);
  });

  it("authorize only their own attendee", async () => {
    const [attendee, other] = [await registerAttendee(), await registerAttendee()];
    expect(
      (await api("GET", `/api/attendees/${attendee.id}`, { token: attendee.token })).status,
    ).toBe(200);
    expectProblem(
      await api("GET", `/api/attendees/${other.id}`, { token: attendee.token }),
      403,
      "forbidden",
    );
  });
});
