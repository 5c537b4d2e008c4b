import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { booked } from "./bookings/helpers";
import { addCode } from "./catalog/helpers";
import { raw } from "./client";
import { createEvent, fromNewClient, registerAttendee, registerOrganizer } from "./helpers";

// Whatever JSON a client sends to whichever route takes JSON, the answer is never a 5xx, and
// every refusal is a problem document. The routes come from the OpenAPI document itself, so a
// new route is covered without being listed here.

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema };
type Parameter = { name: string; in: "query" | "path" | "header" | "cookie" };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** The property names a body schema declares, its `$ref` followed. */
const keysOf = (doc: Document, schema: Schema | undefined): string[] => {
  const resolved = schema?.$ref
    ? doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")]
    : schema;
  return Object.keys(resolved?.properties ?? {});
};

/** Strings a validator meets least often: lone surrogates, controls, far dates, long text. */
const oddString = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }),
  fc.constantFrom(
    "",
    "\ud800",
    "a\udfffb",
    "\u0000",
    "x".repeat(5_000),
    "2189-12-31T23:59:59Z",
    "9999-12-31T23:59:59.999Z",
    "0000-01-01T00:00:00Z",
    "%_\\",
    "../../etc",
  ),
);

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  oddString,
  fc.constantFrom(0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, true, null, [], {}),
);

/** A query value as it reaches the server: encoded, or encoded wrongly on purpose. */
const oddQueryValue = fc.oneof(
  oddString.map((text) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, "\ufffd"))),
  fc.constantFrom("%FF", "%ED%A0%80", "%", "%%", "%00", "-1", "1e309", "NaN", "0x10", "[]"),
);

/** Any JSON at all, or an object of the route's own keys holding odd values. */
const bodyFor = (keys: string[]) =>
  keys.length === 0
    ? oddValue
    : fc.oneof(
        oddValue,
        fc.dictionary(fc.constantFrom(...keys), oddValue, { maxKeys: keys.length }),
      );

describe("any JSON sent to any route that takes JSON", () => {
  let doc: Document;
  const params: Record<string, string> = {};
  const tokens: { organizer: string; attendee: string } = { organizer: "", attendee: "" };

  beforeAll(async () => {
    doc = (await raw("GET", "/openapi.json")).body;
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token, { capacity: 50, waitlistEnabled: true });
    const attendee = await registerAttendee();
    const booking = await booked(event.id, attendee);
    const code = await addCode(organizer, event.id, { code: "ODDINPUT", kind: "unlock" });
    Object.assign(tokens, { organizer: organizer.token, attendee: attendee.token });
    Object.assign(params, {
      event: event.id,
      booking: booking.id,
      attendee: attendee.id,
      typeId: event.ticketTypes[0]?.id ?? "",
      codeId: code.id,
      deviceId: "no-such-device",
      sessionId: "cs_sandbox_0",
    });
  });

  /** The path with real ids of the setup's own event, booking and attendee. */
  const concrete = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name !== "id") return params[name] ?? name;
      if (path.startsWith("/api/bookings")) return params.booking ?? "";
      if (path.startsWith("/api/attendees")) return params.attendee ?? "";
      return params.event ?? "";
    });

  /** Who a route serves, so the body gets past the caller check to the validation. */
  const tokenFor = (path: string) =>
    path.startsWith("/api/events") || path.startsWith("/api/auth")
      ? tokens.organizer
      : tokens.attendee;

  /** Every operation of the document, with its method. */
  const operationsOf = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );

  const expectHarmless = (res: { status: number; headers: Headers; body: any }, said: string) => {
    expect(res.status, said).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get("content-type"), said).toMatch(/^application\/problem\+json/);
      expect(typeof res.body?.code, said).toBe("string");
    }
  };

  it("takes any query on any GET and any id in any path without a 5xx", async () => {
    const reads = operationsOf().filter(({ method }) => method === "GET");
    expect(reads.length).toBeGreaterThan(15);
    for (const { path, op } of reads) {
      const names = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      const pathNames = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      const query = fc.dictionary(fc.constantFrom(...names, "q", "limit"), oddQueryValue, {
        maxKeys: 4,
      });
      const ids =
        pathNames.length > 0
          ? fc.option(fc.constantFrom(...pathNames), { nil: undefined })
          : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(query, ids, oddQueryValue, async (values, oddId, id) => {
          // One path parameter (or none) takes the odd value; the others stay real ids.
          const target = concrete(oddId ? path.replace(`{${oddId}}`, id) : path);
          const search = Object.entries(values)
            .map(([name, value]) => `${name}=${value}`)
            .join("&");
          const res = await raw("GET", `${target}?${search}`, {
            token: tokenFor(path),
            headers: fromNewClient(),
          });
          if (res.headers.get("upgrade")) return;
          expectHarmless(res, `GET ${target}?${search}: ${res.status}`);
        }),
        { numRuns: 12, plugins: [fc.interruptAfterTimeLimit(20_000)] },
      );
    }
  }, 120_000);

  it("takes any id in a DELETE's path without a 5xx", async () => {
    const deletes = operationsOf().filter(({ method }) => method === "DELETE");
    expect(deletes.length).toBeGreaterThan(5);
    for (const { path, op } of deletes) {
      const pathNames = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      if (pathNames.length === 0) continue;
      // Only odd ids: a real one would delete what the other properties read.
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...pathNames), oddQueryValue, async (name, id) => {
          const target = concrete(path.replace(`{${name}}`, id));
          const res = await raw("DELETE", target, { token: tokenFor(path) });
          expectHarmless(res, `DELETE ${target}: ${res.status}`);
          expect(res.status, `DELETE ${target}`).not.toBe(200);
        }),
        { numRuns: 12, plugins: [fc.interruptAfterTimeLimit(20_000)] },
      );
    }
  }, 120_000);

  it("never answers 5xx, and refuses with a problem document", async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.requestBody?.content?.["application/json"])
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          keys: keysOf(doc, op.requestBody?.content?.["application/json"]?.schema),
        })),
    );
    expect(operations.length).toBeGreaterThan(15);
    for (const { method, path, keys } of operations) {
      await fc.assert(
        fc.asyncProperty(bodyFor(keys), async (body) => {
          const res = await raw(method, concrete(path), {
            token: tokenFor(path),
            body,
            headers: fromNewClient(),
          });
          expectHarmless(
            res,
            `${method} ${path} ${JSON.stringify(body).slice(0, 200)}: ${res.status}`,
          );
        }),
        { numRuns: 12, plugins: [fc.interruptAfterTimeLimit(20_000)] },
      );
    }
  }, 120_000);
});
