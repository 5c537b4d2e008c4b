import { z } from "@hono/zod-openapi";
import {
  DateTimeOutput,
  EmailInput,
  LocaleInput,
  NameInput,
  PaginationQuery,
  paginated,
  searchQuery,
} from "./common";

export const AttendeeSchema = z
  .object({
    id: z.string().openapi({ example: "0192f1c5-1b2c-7d3e-8f40-5a6b7c8d9e0f" }),
    name: z.string().openapi({ example: "John Doe" }),
    email: z.string().openapi({ example: "john@example.com" }),
    locale: z.string().openapi({ example: "en" }),
    createdAt: DateTimeOutput,
  })
  .openapi("Attendee");

export const CreateAttendeeBody = z
  .object({ name: NameInput, email: EmailInput, locale: LocaleInput.default("en") })
  .openapi("CreateAttendee");

export const UpdateAttendeeBody = z
  .object({ name: NameInput, email: EmailInput, locale: LocaleInput })
  .partial()
  .refine((value) => Object.keys(value).length > 0, "Provide at least one field to change")
  .openapi("UpdateAttendee", { minProperties: 1 });

export const AttendeeCreatedSchema = z
  .object({
    attendee: AttendeeSchema,
    token: z.string().openapi({
      example: "at_q3Vb0m8cS2x9kT1nW4yZ7aD6fH5jL0pR3uE8iO2gB1c",
      description: "Shown only once: keep it to act as this attendee.",
    }),
  })
  .openapi("AttendeeCreated");

export const AttendeeListQuery = z.object({
  ...PaginationQuery,
  q: searchQuery("john"),
});

export const AttendeeListSchema = paginated(AttendeeSchema, "AttendeeList");
