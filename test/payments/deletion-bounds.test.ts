import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { as, bodyOf } from "../client";
import { deleteEvent } from "../helpers";
import { ledgerStub } from "../races/invariants";
import { paidEvent } from "./helpers";

const PAID_BOOKINGS = 1_200;

/** Counts every call made through an object's methods: a subrequest each, or more than one. */
const counting = <T extends object>(target: T, counter: { n: number }): T =>
  new Proxy(target, {
    get(t, key) {
      const value = Reflect.get(t, key, t);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        counter.n++;
        return value.apply(t, args);
      };
    },
  });

type Internals = {
  env: Env;
  outbox: { env: Env };
  alarmClock: Record<string, unknown>;
  windDown(): Promise<void>;
};

describe("deleting an event of many paid bookings", () => {
  it("winds down in steps that each stay far below 1,000 subrequests, every refund handed over", async () => {
    const { org, event } = await paidEvent({ capacity: 2_000 });
    await bodyOf(
      await as(org.token).api.events[":id"].bookings.$get({ param: { id: event.id }, query: {} }),
      200,
    );
    const counter = { n: 0 };
    const sent: unknown[] = [];
    await runInDurableObject(ledgerStub(event.id), async (instance, state) => {
      const ledger = instance as unknown as Internals & {
        adoptEvent(id: string): Promise<boolean>;
      };
      await ledger.adoptEvent(event.id);
      const sql = state.storage.sql;
      const now = new Date().toISOString();
      for (let i = 0; i < PAID_BOOKINGS; i++) {
        sql.exec(
          `INSERT INTO bookings (id, attendee_id, attendee_name, status, seats, seq, created_at,
             updated_at, amount, currency, payment_status, payment_intent)
           VALUES (?, ?, 'Payer', 'confirmed', 1, ?, ?, ?, 2500, 'EUR', 'paid', ?)`,
          `bk-${i}`,
          `at-${i}`,
          1_000 + i,
          now,
          now,
          `pi_bound_${i}`,
        );
      }
      sql.exec(
        "UPDATE event SET confirmed = ?, next_seq = ?",
        PAID_BOOKINGS,
        1_000 + PAID_BOOKINGS,
      );
      // Every binding the ledger calls is counted; the alarm is driven by hand, step by step.
      const queue = counting(ledger.env.NOTIFY_QUEUE, counter);
      const spy = new Proxy(queue, {
        get: (t, key) =>
          key === "sendBatch"
            ? (messages: { body: unknown }[]) => {
                sent.push(...messages.map((m) => m.body));
                return t.sendBatch(messages);
              }
            : Reflect.get(t, key, t),
      });
      const env = { ...ledger.env, DB: counting(ledger.env.DB, counter), NOTIFY_QUEUE: spy };
      ledger.env = env;
      ledger.outbox.env = env;
      ledger.alarmClock = {
        ensureBy: async () => {},
        setForEarliest: async () => {},
        clear: async () => {},
        fired: () => {},
      };
    });

    await deleteEvent(org.token, event.id);
    const steps: number[] = [];
    for (let step = 0; step < 20; step++) {
      const left = await runInDurableObject(ledgerStub(event.id), async (instance, state) => {
        counter.n = 0;
        await (instance as unknown as Internals).windDown();
        steps.push(counter.n);
        return state.storage.sql
          .exec<{ n: number }>(
            "SELECT count(*) AS n FROM bookings WHERE status IN ('pending', 'confirmed', 'waitlisted')",
          )
          .one().n;
      });
      if (
        left === 0 &&
        sent.filter((b) => (b as { workflow?: string }).workflow).length >= PAID_BOOKINGS
      ) {
        break;
      }
    }
    expect(Math.max(...steps)).toBeLessThan(100);
    const refunds = sent.filter((b) => (b as { workflow?: string }).workflow === "refund");
    expect(new Set(refunds.map((b) => (b as { bookingId: string }).bookingId)).size).toBe(
      PAID_BOOKINGS,
    );
  });
});
