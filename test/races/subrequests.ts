import { env } from "cloudflare:workers";

/** Counts what production bills as subrequests: D1 queries, Durable Object calls, queue sends. */
export class SubrequestCounter {
  count = 0;
  /** Queue messages are kept here instead of sent, so the test delivers them itself. */
  readonly queued: unknown[] = [];

  env(): Env {
    return {
      ...env,
      DB: this.d1(env.DB),
      EVENT_LEDGER: this.ledgers(),
      NOTIFY_QUEUE: this.queue(),
    };
  }

  private statement(real: D1PreparedStatement): D1PreparedStatement {
    return new Proxy(real, {
      get: (target, name) => {
        const value = Reflect.get(target, name, target);
        if (typeof value !== "function") return value;
        if (name === "bind") {
          return (...args: unknown[]) => this.statement(target.bind(...args));
        }
        return (...args: unknown[]) => {
          this.count++;
          return value.apply(target, args);
        };
      },
    });
  }

  private d1(real: D1Database): D1Database {
    return new Proxy(real, {
      get: (target, name) => {
        if (name === "prepare") return (query: string) => this.statement(target.prepare(query));
        if (name === "batch" || name === "exec") throw new Error(`uncounted D1 ${String(name)}`);
        return Reflect.get(target, name, target);
      },
    });
  }

  private ledgers(): Env["EVENT_LEDGER"] {
    const real = env.EVENT_LEDGER;
    return new Proxy(real, {
      get: (target, name) => {
        if (name !== "get") return Reflect.get(target, name, target).bind(target);
        return (id: DurableObjectId) => {
          const stub = target.get(id);
          // Each method is called on the real stub: RPC does not go through a Proxy target.
          return new Proxy(stub, {
            get: (real, method) => {
              if (typeof method === "symbol" || method === "then") return undefined;
              return (...args: unknown[]) => {
                this.count++;
                return (real as unknown as Record<string, (...a: unknown[]) => unknown>)[method]?.(
                  ...args,
                );
              };
            },
          });
        };
      },
    });
  }

  private queue(): Queue {
    return {
      send: async (body: unknown) => {
        this.count++;
        this.queued.push(body);
      },
      sendBatch: async (messages: Iterable<MessageSendRequest>) => {
        this.count++;
        for (const m of messages) this.queued.push(m.body);
      },
    } as unknown as Queue;
  }
}
