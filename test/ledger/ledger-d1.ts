import { runInDurableObject } from "cloudflare:test";
import { ledgerStub } from "../races/invariants";

type Batch = (statements: D1PreparedStatement[]) => Promise<D1Result[]>;

/**
 * Puts `wrap` around every D1 batch the event's ledger sends to copy its changes, until
 * the ledger restarts: its outbox is given an environment of its own (the one it had is
 * shared with everything else this test runs), whose D1 goes through `wrap`.
 */
export const wrapLedgerBatches = (eventId: string, wrap: (batch: Batch) => Batch) =>
  runInDurableObject(ledgerStub(eventId), (instance) => {
    const outbox = (instance as unknown as { outbox: { env: Env } }).outbox;
    const real = outbox.env.DB;
    const batch = wrap((statements) => real.batch(statements));
    outbox.env = { ...outbox.env };
    outbox.env.DB = new Proxy(real, {
      get(target, property) {
        if (property === "batch") return batch;
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
