import { z } from "@hono/zod-openapi";
import { DateTimeOutput, PaginationQuery, paginated } from "./common";

export const OrganizerProfileSchema = z
  .object({
    id: z.string().openapi({ example: "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e" }),
    name: z.string().openapi({ example: "Symfony Events Ltd" }),
    createdAt: DateTimeOutput,
    eventCount: z.number().int().openapi({ example: 12 }),
    followerCount: z.number().int().openapi({ example: 340 }),
  })
  .openapi("OrganizerProfile");

export const OrganizerListSchema = paginated(OrganizerProfileSchema, "OrganizerList");

export const FollowSchema = z
  .object({
    organizerId: z.string(),
    attendeeId: z.string(),
    createdAt: DateTimeOutput,
  })
  .openapi("Follow");

export const InterestSchema = z
  .object({
    eventId: z.string(),
    attendeeId: z.string(),
    createdAt: DateTimeOutput,
  })
  .openapi("Interest");

export const PageQuery = z.object(PaginationQuery);
