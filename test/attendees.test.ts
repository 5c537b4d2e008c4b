import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { anyone, as, bodyIn, bodyOf, expectProblem, raw, settle } from "./client";
import {
  organizerBookedBy,
  postAttendee,
  registerAttendee,
  registerOrganizer,
  unique,
} from "./helpers";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const newEmail = () => `${unique("attendee")}@example.com`;

type Registration = Parameters<typeof postAttendee>[0];

/** A registration of John Doe under a new email, with `body` changing any of it. */
const createAttendee = (body: Partial<Registration>) =>
  settle(postAttendee({ name: "John Doe", email: newEmail(), ...body }));

/** A registration that must succeed: the attendee and their token. */
const registered = async (body: Registration) => bodyIn(await settle(postAttendee(body)), 201);

const attendeeAs = (token: string, id: string) =>
  as(token).api.attendees[":id"].$get({ param: { id } });

type Change = { name?: string; email?: string; locale?: string };
const patchAs = (token: string, id: string, json: Change) =>
  as(token).api.attendees[":id"].$patch({ param: { id }, json });

const listAs = (token: string, query: { q?: string; limit?: string; offset?: string } = {}) =>
  as(token).api.attendees.$get({ query });

const expectFieldError = async (res: Parameters<typeof expectProblem>[0], path: string) => {
  const problem = await expectProblem(res, 422, "validation_failed");
  expect(problem.errors?.map((error) => error.path)).toContain(path);
};

describe("POST /api/attendees", () => {
  it("registers without authentication: 201, Location, the attendee and a token", async () => {
    const email = newEmail();
    const res = await postAttendee({ name: "John Doe", email });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const { attendee, token } = await bodyOf(res, 201);

    expect(res.headers.get("location")).toBe(`/api/attendees/${attendee.id}`);
    expect(attendee).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      name: "John Doe",
      email,
      locale: "en",
      createdAt: expect.stringMatching(ISO_UTC),
    });
    expect(attendee).not.toHaveProperty("token");
    expect(attendee).not.toHaveProperty("tokenHash");

    const self = await attendeeAs(token, attendee.id);
    expect(await bodyOf(self, 200)).toEqual(attendee);
  });

  // Its format (a signed JWS with 128 random bits) is checked in bookings/signed-tokens.test.ts.
  it("issues an at_ token, different every time", async () => {
    const first = bodyIn(await createAttendee({}), 201);
    const second = bodyIn(await createAttendee({}), 201);
    for (const { token } of [first, second]) {
      expect(token).toMatch(/^at_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }
    expect(first.token).not.toBe(second.token);
  });

  it("canonicalizes the locale", async () => {
    const res = await createAttendee({ locale: "fr-ca" });
    expect(bodyIn(res, 201).attendee.locale).toBe("fr-CA");
  });

  it.each(["not a locale", "x", "en_US", "123"])(
    "refuses the locale %j with 422 on locale",
    async (locale) => {
      await expectFieldError(await createAttendee({ locale }), "locale");
    },
  );

  it("refuses a duplicate email with 409 attendee_exists, in any case", async () => {
    const email = newEmail();
    expect((await createAttendee({ email })).status).toBe(201);
    await expectProblem(await createAttendee({ email }), 409, "attendee_exists");
    await expectProblem(
      await createAttendee({ email: email.toUpperCase() }),
      409,
      "attendee_exists",
    );
  });

  it.each([
    ["a missing name", { name: undefined }, "name"],
    ["an empty name", { name: "" }, "name"],
    ["a malformed email", { email: "john.example.com" }, "email"],
  ])("refuses %s with 422", async (_, overrides, path) => {
    await expectFieldError(await createAttendee(overrides), path);
  });
});

describe("GET /api/attendees", () => {
  it("is for organizers only", async () => {
    const attendee = await registerAttendee();
    await expectProblem(await anyone.api.attendees.$get({ query: {} }), 401, "unauthorized");
    await expectProblem(await listAs(attendee.token), 403, "forbidden");
  });

  it("lists attendees with pagination", async () => {
    const tag = unique("paged").replaceAll("-", "");
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await registerAttendee(`${tag} ${i}`));
    const organizer = await organizerBookedBy(...created);

    const first = await bodyOf(await listAs(organizer.token, { q: tag, limit: "2" }), 200);
    expect(first.pagination).toEqual({ limit: 2, offset: 0, total: 3 });
    expect(first.data).toHaveLength(2);
    const secondPage = await listAs(organizer.token, { q: tag, limit: "2", offset: "2" });
    const second = await bodyOf(secondPage, 200);
    expect(second.pagination).toEqual({ limit: 2, offset: 2, total: 3 });
    const ids = [...first.data, ...second.data].map((a) => a.id);
    expect(ids.sort()).toEqual(created.map((a) => a.id).sort());
    for (const item of first.data) {
      expect(Object.keys(item).sort()).toEqual(["createdAt", "email", "id", "locale", "name"]);
    }

    const defaults = await bodyOf(await listAs(organizer.token), 200);
    expect(defaults.pagination).toMatchObject({ limit: 20, offset: 0 });
    expect(defaults.pagination.total).toBeGreaterThanOrEqual(3);
  });

  it.each(["limit=0", "limit=101", "limit=abc", "offset=-1"])(
    "refuses ?%s with 422",
    async (query) => {
      const organizer = await registerOrganizer();
      // Out of range on purpose: the untyped way in sends any query.
      const res = await raw("GET", `/api/attendees?${query}`, { token: organizer.token });
      await expectProblem(res, 422, "validation_failed");
    },
  );

  it("matches q against name or email, case-insensitively", async () => {
    const tag = unique("Q").replaceAll("-", "");
    const byName = await registered({ name: `Ada ${tag}`, email: newEmail() });
    const byEmail = await registered({ name: "Grace Hopper", email: `${tag}@example.com` });
    const organizer = await organizerBookedBy(
      { id: byName.attendee.id, token: byName.token },
      { id: byEmail.attendee.id, token: byEmail.token },
      await registerAttendee("Someone Else"),
    );

    const res = await bodyOf(await listAs(organizer.token, { q: tag.toUpperCase() }), 200);
    expect(res.data.map((a) => a.id).sort()).toEqual(
      [byName.attendee.id, byEmail.attendee.id].sort(),
    );
    expect(res.pagination.total).toBe(2);
  });

  it("matches % and _ in q literally", async () => {
    const tag = unique("lit").replaceAll("-", "");
    const literal = await registerAttendee(`${tag} 100%_sure`);
    const organizer = await organizerBookedBy(literal, await registerAttendee(`${tag} 100xxsure`));
    const res = await bodyOf(await listAs(organizer.token, { q: "100%_" }), 200);
    expect(res.data.map((a) => a.id)).toEqual([literal.id]);
  });
});

describe("GET /api/attendees/{id}", () => {
  it("answers the attendee to themselves and to an organizer whose event they booked", async () => {
    const attendee = await registerAttendee();
    const organizer = await organizerBookedBy(attendee);
    const { token, ...expected } = attendee;

    expect(await bodyOf(await attendeeAs(token, attendee.id), 200)).toEqual(expected);
    expect(await bodyOf(await attendeeAs(organizer.token, attendee.id), 200)).toEqual(expected);
  });

  it("answers 403 to another attendee and 401 without a token", async () => {
    const [attendee, other] = [await registerAttendee(), await registerAttendee()];
    const param = { id: attendee.id };
    await expectProblem(await attendeeAs(other.token, attendee.id), 403, "forbidden");
    const nobody = await anyone.api.attendees[":id"].$get({ param });
    await expectProblem(nobody, 401, "unauthorized");
    await expectProblem(await attendeeAs("at_forged", attendee.id), 401, "unauthorized");
  });

  it("answers 404 attendee_not_found to an organizer for an unknown id", async () => {
    const organizer = await registerOrganizer();
    for (const id of ["0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e", "x".repeat(300)]) {
      await expectProblem(await attendeeAs(organizer.token, id), 404, "attendee_not_found");
    }
  });
});

describe("PATCH /api/attendees/{id}", () => {
  it("lets attendees change their own name, email and locale", async () => {
    const attendee = await registerAttendee();
    const email = newEmail();
    const res = await patchAs(attendee.token, attendee.id, {
      name: "Jane Doe",
      email: email.toUpperCase(),
      locale: "pt-br",
    });

    const changed = await bodyOf(res, 200);
    expect(changed).toEqual({
      id: attendee.id,
      name: "Jane Doe",
      email,
      locale: "pt-BR",
      createdAt: attendee.createdAt,
    });
    expect(await bodyOf(await attendeeAs(attendee.token, attendee.id), 200)).toEqual(changed);
  });

  it("changes only the fields given", async () => {
    const attendee = await registerAttendee();
    const res = await patchAs(attendee.token, attendee.id, { locale: "de" });
    expect(await bodyOf(res, 200)).toMatchObject({
      name: attendee.name,
      email: attendee.email,
      locale: "de",
    });
  });

  it("answers 403 to another attendee and to an organizer, changing nothing", async () => {
    const [attendee, other] = [await registerAttendee(), await registerAttendee()];
    const organizer = await registerOrganizer();
    const json = { name: "Hijacked" };
    const param = { id: attendee.id };
    await expectProblem(await patchAs(other.token, attendee.id, json), 403, "forbidden");
    await expectProblem(await patchAs(organizer.token, attendee.id, json), 403, "forbidden");
    const nobody = await anyone.api.attendees[":id"].$patch({ param, json });
    await expectProblem(nobody, 401, "unauthorized");
    const stored = await bodyOf(await attendeeAs(attendee.token, attendee.id), 200);
    expect(stored.name).toBe(attendee.name);
  });

  it("refuses an email another attendee holds with 409 attendee_exists, changing nothing", async () => {
    const [attendee, other] = [await registerAttendee(), await registerAttendee()];
    const res = await patchAs(attendee.token, attendee.id, {
      name: "Renamed",
      email: other.email.toUpperCase(),
    });
    await expectProblem(res, 409, "attendee_exists");
    const stored = await bodyOf(await attendeeAs(attendee.token, attendee.id), 200);
    expect(stored).toMatchObject({ name: attendee.name, email: attendee.email });
  });

  it("accepts the attendee's own current email", async () => {
    const attendee = await registerAttendee();
    const res = await patchAs(attendee.token, attendee.id, { email: attendee.email });
    expect(res.status).toBe(200);
  });

  it.each([
    ["an empty body", {}, ""],
    ["a bad locale", { locale: "not a locale" }, "locale"],
    ["an empty name", { name: "" }, "name"],
    ["a malformed email", { email: "nope" }, "email"],
  ])("refuses %s with 422, changing nothing", async (_, body, path) => {
    const attendee = await registerAttendee();
    const res = await raw("PATCH", `/api/attendees/${attendee.id}`, {
      token: attendee.token,
      body,
    });
    await expectFieldError(res, path);
    const { token, ...expected } = attendee;
    expect(await bodyOf(await attendeeAs(token, attendee.id), 200)).toEqual(expected);
  });
});

describe("DELETE /api/attendees/{id}", () => {
  it("deletes the attendee; their token stops working", async () => {
    const attendee = await registerAttendee();
    const organizer = await registerOrganizer();
    const param = { id: attendee.id };
    const res = await as(attendee.token).api.attendees[":id"].$delete({ param });

    expect(await bodyOf(res, 200)).toEqual({ message: "Attendee deleted" });
    await expectProblem(await attendeeAs(attendee.token, attendee.id), 401, "unauthorized");
    const gone = await attendeeAs(organizer.token, attendee.id);
    await expectProblem(gone, 404, "attendee_not_found");
    // The email is free again.
    expect((await createAttendee({ email: attendee.email })).status).toBe(201);
  });

  it("answers 403 to another attendee and to an organizer, keeping the attendee", async () => {
    const [attendee, other] = [await registerAttendee(), await registerAttendee()];
    const organizer = await registerOrganizer();
    const param = { id: attendee.id };
    const remove = (token?: string) =>
      (token ? as(token) : anyone).api.attendees[":id"].$delete({ param });
    await expectProblem(await remove(other.token), 403, "forbidden");
    await expectProblem(await remove(organizer.token), 403, "forbidden");
    await expectProblem(await remove(), 401, "unauthorized");
    expect((await attendeeAs(attendee.token, attendee.id)).status).toBe(200);
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
    expect((await attendeeAs(attendee.token, attendee.id)).status).toBe(200);
    await expectProblem(await attendeeAs(attendee.token, other.id), 403, "forbidden");
  });
});
