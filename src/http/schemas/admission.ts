import { z } from "@hono/zod-openapi";
import { DateTimeOutput } from "./common";

export const QueueEntrySchema = z
  .object({
    id: z.string().openapi({ example: "0193a0c4-8a5e-7b21-9c3d-2f4a6b8c0d1e" }),
    eventId: z.string(),
    attendeeId: z.string(),
    status: z.enum(["waiting", "admitted", "expired"]).openapi({
      description:
        "`waiting` in line, `admitted` with a pass (also once a booking used it), `expired`: the pass lapsed unused; join again",
    }),
    position: z.number().int().nullable().openapi({
      example: 42,
      description:
        "1: next to be admitted. Null before sales open (the pre-queue is drawn then) and once admitted",
    }),
    estimatedWaitSeconds: z.number().int().nullable().openapi({
      example: 5,
      description: "The wait at the event's full admission rate; null when position is",
    }),
    pass: z.string().nullable().openapi({
      description: "Send it as the Admission-Pass header of POST /api/bookings, before it expires",
    }),
    passExpiresAt: DateTimeOutput.nullable(),
    joinedAt: DateTimeOutput,
  })
  .openapi("QueueEntry");

export const QueueSummarySchema = z
  .object({
    waiting: z.number().int().openapi({ example: 1200, description: "Attendees in line now" }),
    admitted: z.number().int().openapi({ example: 300, description: "Passes issued so far" }),
    admitPerMinute: z.number().int().openapi({ example: 600 }),
  })
  .openapi("QueueSummary");

export const EntryParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({
      param: { name: "id", in: "path" },
      example: "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e",
    }),
  entryId: z
    .string()
    .min(1)
    .openapi({
      param: { name: "entryId", in: "path" },
      example: "0193a0c4-8a5e-7b21-9c3d-2f4a6b8c0d1e",
    }),
});
