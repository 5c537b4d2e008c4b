import { eq } from "drizzle-orm";
import { database } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { type UserRow, users } from "../../db/schema";
import { callerOf, issueOrganizerToken } from "../../lib/auth";
import { newId } from "../../lib/ids";
import { DECOY_HASH, hashPassword, verifyPassword } from "../../lib/password";
import { problem } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { nowIso } from "../../lib/time";
import type * as routes from "./auth.routes";

const presentUser = (row: UserRow) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt,
});

const emailTaken = () => problem("email_taken", "An organizer with this email already exists.");

export const register: AppRouteHandler<typeof routes.register> = async (c) => {
  const { name, email, password } = c.req.valid("json");
  const db = database(c.env.DB);
  if (await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
    throw emailTaken();
  }
  const row: UserRow = {
    id: newId(),
    name,
    email,
    passwordHash: await hashPassword(password),
    role: "organizer",
    createdAt: nowIso(),
    passwordChangedAt: null,
    closedAt: null,
  };
  const token = await issueOrganizerToken(c.env, row.id);
  try {
    await db.insert(users).values(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  c.header("Location", "/api/auth/me");
  return c.json({ user: presentUser(row), token }, 201);
};

export const login: AppRouteHandler<typeof routes.login> = async (c) => {
  const { email, password } = c.req.valid("json");
  const row = await database(c.env.DB).select().from(users).where(eq(users.email, email)).get();
  // Verify against a decoy when the account is unknown, so both failures take as long.
  const ok = await verifyPassword(password, row?.passwordHash ?? DECOY_HASH);
  if (!row || !ok) throw problem("invalid_credentials", "The email or password is wrong.");
  return c.json({ user: presentUser(row), token: await issueOrganizerToken(c.env, row.id) }, 200);
};

export const me: AppRouteHandler<typeof routes.me> = async (c) => {
  const { id } = callerOf(c);
  const row = await database(c.env.DB).select().from(users).where(eq(users.id, id)).get();
  if (!row) throw problem("unauthorized", "The account behind this token no longer exists.");
  return c.json({ user: presentUser(row) }, 200);
};
