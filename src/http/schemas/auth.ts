import { z } from "@hono/zod-openapi";
import { DateTimeOutput, EmailInput, NameInput } from "./common";

export const UserSchema = z
  .object({
    id: z.string().openapi({ example: "0192f1c4-8a5e-7b21-9c3d-2f4a6b8c0d1e" }),
    name: z.string().openapi({ example: "Symfony Events Ltd" }),
    email: z.string().openapi({ example: "organizer@example.com" }),
    role: z.literal("organizer"),
    createdAt: DateTimeOutput,
  })
  .openapi("User");

const PasswordInput = z.string().min(8).max(128).openapi({ example: "correct horse battery" });

export const RegisterBody = z
  .object({
    name: NameInput.openapi({ example: "Symfony Events Ltd" }),
    email: EmailInput.openapi({ example: "organizer@example.com" }),
    password: PasswordInput,
  })
  .openapi("RegisterOrganizer");

export const LoginBody = z
  .object({
    email: EmailInput.openapi({ example: "organizer@example.com" }),
    password: z.string().min(1).max(128).openapi({ example: "correct horse battery" }),
  })
  .openapi("Login");

export const AuthResponse = z
  .object({
    user: UserSchema,
    token: z.string().openapi({ example: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..." }),
  })
  .openapi("AuthResult");

export const UpdateMeBody = z
  .object({
    name: NameInput.optional(),
    email: EmailInput.optional(),
    password: PasswordInput.optional(),
    currentPassword: z.string().min(1).max(128).optional().openapi({
      example: "correct horse battery",
      description: "Required to change email or password.",
    }),
  })
  .refine(
    (value) =>
      value.name !== undefined || value.email !== undefined || value.password !== undefined,
    "Provide name, email or password to change",
  )
  .openapi("UpdateOrganizer");

export const MeResponse = z.object({ user: UserSchema }).openapi("Me");
