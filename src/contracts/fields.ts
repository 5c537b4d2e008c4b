import { z } from "@hono/zod-openapi";
import { isCountryCode } from "../lib/countries";
import { DATE_RANGE_MESSAGE, isWithinDateRange, parseDateTime } from "../lib/time";

/**
 * Accepts ISO 8601 with or without an offset (no offset means UTC) and yields `...Z`,
 * within 1970..2099 once in UTC: no stored date can reach a Durable Object alarm's limit.
 */
export const DateTimeInput = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const instant = parseDateTime(value);
    if (instant === null) {
      ctx.addIssue({ code: "custom", message: "Expected an ISO 8601 date-time" });
      return z.NEVER;
    }
    if (!isWithinDateRange(instant)) {
      ctx.addIssue({ code: "custom", message: DATE_RANGE_MESSAGE });
      return z.NEVER;
    }
    return instant.toISOString();
  })
  .openapi({
    type: "string",
    format: "date-time",
    example: "2030-05-01T10:00:00Z",
    description: "ISO 8601; without an offset the time is read as UTC",
  });

export const DateTimeOutput = z
  .string()
  .openapi({ format: "date-time", example: "2030-05-01T10:00:00.000Z" });

export const CountryInput = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, "Expected an ISO 3166-1 alpha-2 country code")
  .openapi({ example: "FR", description: "ISO 3166-1 alpha-2; lower case is accepted" });
