import { z } from "@hono/zod-openapi";
import { CountryInput, DateTimeInput, DateTimeOutput } from "../../contracts/fields";
import { PROBLEM_CODES } from "../../lib/problem";
import { characterCount } from "../../lib/search";
import { MAX_BODY_BYTES } from "../body";

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "about:blank" }),
    title: z.string().openapi({ example: "Event is fully booked" }),
    status: z.number().int().openapi({ example: 409 }),
    detail: z.string().openapi({ example: "All 100 seats of this event are taken." }),
    code: z.enum(PROBLEM_CODES).openapi({ example: "event_full" }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

export const PaginationSchema = z
  .object({
    limit: z.number().int().openapi({ example: 20 }),
    offset: z.number().int().openapi({ example: 0 }),
    total: z.number().int().openapi({ example: 57 }),
  })
  .openapi("Pagination");

export const paginated = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: z.array(item), pagination: PaginationSchema }).openapi(name);

/**
 * A whole number from the query string. The type is spelled out because the generator
 * would call a coerced number nullable (`Number(null)` is 0), while `?offset=null` is a 422.
 */
const queryInteger = (
  name: string,
  bounds: { minimum: number; maximum?: number },
  fallback: number,
) => {
  const base = z.coerce.number().int().min(bounds.minimum);
  const bounded = bounds.maximum === undefined ? base : base.max(bounds.maximum);
  return bounded.default(fallback).openapi({
    param: { name, in: "query" },
    type: "integer",
    ...bounds,
    default: fallback,
    example: fallback,
  });
};

export const PaginationQuery = {
  limit: queryInteger("limit", { minimum: 1, maximum: 100 }, 20),
  offset: queryInteger("offset", { minimum: 0 }, 0),
};

/** No length cap: an id no row can have is an unknown resource (404), not invalid input. */
export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({
      param: { name: "id", in: "path" },
      example: "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e",
    }),
});

export const MAX_SEARCH_CHARACTERS = 200;

/**
 * A search text of 1..200 characters (emoji count as one), any text at all: it is
 * matched as plain text, never as a pattern. Blank once trimmed means no filter.
 */
export const searchQuery = (example: string) =>
  z
    .string()
    .refine((value) => {
      const count = characterCount(value);
      return count >= 1 && count <= MAX_SEARCH_CHARACTERS;
    }, `Expected 1 to ${MAX_SEARCH_CHARACTERS} characters`)
    .transform((value) => value.trim())
    .optional()
    .openapi({
      type: "string",
      minLength: 1,
      maxLength: MAX_SEARCH_CHARACTERS,
      param: { name: "q", in: "query" },
      example,
    });

export const EmailInput = z.email().max(254).toLowerCase().openapi({ example: "john@example.com" });

export const NameInput = z.string().trim().min(1).max(200).openapi({ example: "John Doe" });

const canonicalLocale = (tag: string): string | null => {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
};

export const LocaleInput = z
  .string()
  .max(35)
  .transform((value, ctx) => {
    const locale = canonicalLocale(value);
    if (locale === null) {
      ctx.addIssue({ code: "custom", message: "Expected a BCP 47 language tag" });
      return z.NEVER;
    }
    return locale;
  })
  .openapi({ type: "string", example: "fr-CA" });

export const MessageSchema = z
  .object({ message: z.string().openapi({ example: "Event deleted" }) })
  .openapi("Message");

/**
 * What the JSON guard (`lib/body.ts`) answers before any POST, PUT or PATCH under /api/
 * runs, bare POSTs included; `invalid` is what a 422 means on the route.
 */
const guardProblems = (invalid: string) => ({
  400: "Malformed JSON, or a body that is not a JSON object (invalid_json)",
  413: `Body over ${MAX_BODY_BYTES / 1024} KiB (payload_too_large)`,
  415: "Body is not JSON (unsupported_media_type)",
  422: invalid,
});

/** What any route with a JSON body can answer before its handler runs. */
export const bodyProblems = guardProblems("Invalid fields");

/** What a route called with a bare POST answers if a body is sent all the same. */
export const bareBodyProblems = guardProblems(
  "A body sent all the same holds text that is not well-formed Unicode (validation_failed)",
);

/** What a route acting on one attendee, for that attendee only, can refuse. */
export const attendeeSelfProblems = {
  401: "Missing or invalid token",
  403: "Not this attendee (forbidden)",
  404: "Unknown attendee (attendee_not_found)",
} as const;

const problemContent = { "application/problem+json": { schema: ProblemSchema } };

/** Declares the problem responses a route can answer, each with its description. */
export const problems = <S extends number>(statuses: Record<S, string>) =>
  Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [
      status,
      { description: description as string, content: problemContent },
    ]),
  ) as Record<S, { description: string; content: typeof problemContent }>;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export { CountryInput, DateTimeInput, DateTimeOutput };
