import { and, eq, isNull } from "drizzle-orm";
import { database } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { type UserRow, users } from "../../../db/schema";
import { newId } from "../../../lib/ids";
import { log } from "../../../lib/logger";
import { DECOY_HASH, hashPassword, verifyPassword } from "../../../lib/password";
import { problem } from "../../../lib/problem";
import { nowIso } from "../../../lib/time";
import type { ClosureMessage } from "../../../workflows/close-account";
import { closeAccountStep } from "../../../workflows/close-account";
import { callerOf, issueOrganizerToken } from "../../auth";
import { spendAttempt } from "../../rate-limit";
import type { AppRouteHandler } from "../../router";
import type * as routes from "./auth.routes";

const presentUser = (row: UserRow) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt,
});

const emailTaken = () => problem("email_taken", "An organizer with this email already exists.");
const accountGone = () =>
  problem("unauthorized", "The account behind this token no longer exists.");
const wrongCredentials = () => problem("invalid_credentials", "The email or password is wrong.");

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
  if (!row || !ok || row.closedAt !== null) throw wrongCredentials();
  const token = await issueOrganizerToken(c.env, row.id, row.passwordChangedAt);
  return c.json({ user: presentUser(row), token }, 200);
};

const currentAccount = async (env: Env, id: string) => {
  const row = await database(env.DB).select().from(users).where(eq(users.id, id)).get();
  if (!row || row.closedAt !== null) throw accountGone();
  return row;
};

export const me: AppRouteHandler<typeof routes.me> = async (c) => {
  const row = await currentAccount(c.env, callerOf(c).id);
  return c.json({ user: presentUser(row) }, 200);
};

/** Guessing the current password with a stolen token is throttled like a login. */
const requireCurrentPassword = async (env: Env, row: UserRow, given: string | undefined) => {
  await spendAttempt(
    env.ACCOUNT_LOGIN_LIMITER,
    row.email,
    "Too many password attempts; wait a minute before trying again.",
  );
  if (given === undefined || !(await verifyPassword(given, row.passwordHash))) {
    throw problem("invalid_credentials", "currentPassword is missing or wrong.");
  }
};

/** A new password invalidates every token issued before it, this caller's included. */
export const updateMe: AppRouteHandler<typeof routes.updateMe> = async (c) => {
  const input = c.req.valid("json");
  const row = await currentAccount(c.env, callerOf(c).id);
  const emailChanges = input.email !== undefined && input.email !== row.email;
  if (emailChanges || input.password !== undefined) {
    await requireCurrentPassword(c.env, row, input.currentPassword);
  }
  const next: UserRow = {
    ...row,
    name: input.name ?? row.name,
    email: input.email ?? row.email,
    ...(input.password !== undefined && {
      passwordHash: await hashPassword(input.password),
      passwordChangedAt: Math.floor(Date.now() / 1000),
    }),
  };
  try {
    const updated = await database(c.env.DB)
      .update(users)
      .set({
        name: next.name,
        email: next.email,
        passwordHash: next.passwordHash,
        passwordChangedAt: next.passwordChangedAt,
      })
      .where(and(eq(users.id, row.id), isNull(users.closedAt)))
      .returning({ id: users.id });
    if (updated.length === 0) throw accountGone();
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  return c.json({ user: presentUser(next) }, 200);
};

/**
 * Closing happens in this order: the next step is queued (so nothing is lost if this
 * invocation dies), the account is marked (from then on its tokens are refused and it
 * creates no event), then a first bounded step runs here. Small accounts are gone
 * before the answer; the queue deletes the rest of a large one.
 */
export const deleteMe: AppRouteHandler<typeof routes.deleteMe> = async (c) => {
  const { id } = callerOf(c);
  await c.env.ACCOUNT_QUEUE.send({ organizerId: id } satisfies ClosureMessage);
  await database(c.env.DB)
    .update(users)
    .set({ closedAt: nowIso() })
    .where(and(eq(users.id, id), isNull(users.closedAt)));
  try {
    await closeAccountStep(c.env, id);
  } catch (error) {
    log(c.env, "warn", "account closure continues in the queue", {
      requestId: c.get("requestId"),
      organizerId: id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  return c.json({ message: "Account deleted" }, 200);
};
