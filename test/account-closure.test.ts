import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import worker from "../src/index";
import { EVENTS_PER_STEP } from "../src/workflows/close-account";
import { anyone, as, expectProblem } from "./client";
import { BASE, createEvent, registerOrganizer } from "./helpers";

/** An environment whose ledger lookups are counted and whose closure queue is captured. */
const countingEnv = () => {
  const calls = { ledgers: 0 };
  const queued: unknown[] = [];
  const ledgers = new Proxy(env.EVENT_LEDGER, {
    get(target, property) {
      if (property === "get") {
        return (id: DurableObjectId) => {
          calls.ledgers++;
          return target.get(id);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const queue = {
    send: async (body: unknown) => {
      queued.push(body);
    },
    sendBatch: async () => {},
  } as unknown as Queue;
  return { env: { ...env, EVENT_LEDGER: ledgers, ACCOUNT_QUEUE: queue }, calls, queued };
};

const eventsLeft = async (organizerId: string) =>
  (
    await env.DB.prepare("SELECT count(*) AS n FROM events WHERE organizer_id = ?")
      .bind(organizerId)
      .first<{ n: number }>()
  )?.n;

describe("deleting an account with many events", () => {
  it("deletes them in bounded steps: no invocation calls more than a step's ledgers", async () => {
    const organizer = await registerOrganizer();
    const total = EVENTS_PER_STEP * 2 + 7;
    for (let i = 0; i < total; i++) await createEvent(organizer.token, { title: `Event ${i}` });

    const counted = countingEnv();
    const ctx = createExecutionContext();
    const res = await createApp().fetch(
      new Request(`${BASE}/api/auth/me`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${organizer.token}` },
      }),
      counted.env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(counted.calls.ledgers).toBe(EVENTS_PER_STEP);
    expect(await eventsLeft(organizer.id)).toBe(total - EVENTS_PER_STEP);
    await expectProblem(await as(organizer.token).api.auth.me.$get(), 401, "unauthorized");

    let messages = counted.queued.splice(0);
    let invocations = 0;
    while (messages.length > 0) {
      expect(messages).toEqual([{ organizerId: organizer.id }]);
      counted.calls.ledgers = 0;
      const batch = createMessageBatch(
        "account-closures",
        messages.map((body, i) => ({
          id: `closure-${invocations}-${i}`,
          timestamp: new Date(),
          attempts: 1,
          body,
        })),
      );
      const queueCtx = createExecutionContext();
      await worker.queue(batch, counted.env);
      const result = await getQueueResult(batch, queueCtx);
      expect(result.explicitAcks).toHaveLength(messages.length);
      expect(counted.calls.ledgers).toBeLessThanOrEqual(EVENTS_PER_STEP);
      messages = counted.queued.splice(0);
      invocations++;
    }
    expect(invocations).toBe(2);
    expect(await eventsLeft(organizer.id)).toBe(0);
    const user = await env.DB.prepare("SELECT id FROM users WHERE id = ?")
      .bind(organizer.id)
      .first();
    expect(user).toBeNull();
  });

  it("a closure message for an account never marked closing changes nothing", async () => {
    const organizer = await registerOrganizer();
    const event = await createEvent(organizer.token);
    const batch = createMessageBatch("account-closures", [
      { id: "stray", timestamp: new Date(), attempts: 3, body: { organizerId: organizer.id } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["stray"]);
    expect((await anyone.api.events[":id"].$get({ param: { id: event.id } })).status).toBe(200);
    expect((await as(organizer.token).api.auth.me.$get()).status).toBe(200);
  });
});
