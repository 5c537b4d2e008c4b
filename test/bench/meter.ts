/**
 * Counting wrappers around the bindings, used only by the benchmark's Worker entry: what
 * each part of the app (request path, ledger, queue consumer) asks of D1, Durable
 * Objects and Queues. Production code never goes through this file.
 */
export type Origin = "request" | "ledger" | "consumer" | "hub";

export interface Usage {
  d1Calls: number;
  d1Statements: number;
  rowsRead: number;
  rowsWritten: number;
  doRequests: number;
  queueWrites: number;
}

type Tally = () => Usage;

const empty = (): Usage => ({
  d1Calls: 0,
  d1Statements: 0,
  rowsRead: 0,
  rowsWritten: 0,
  doRequests: 0,
  queueWrites: 0,
});

let usage: Record<Origin, Usage> = {
  request: empty(),
  ledger: empty(),
  consumer: empty(),
  hub: empty(),
};
let consumer = { invocations: 0, messages: 0 };

export const countDelivery = (messages: number) => {
  consumer.invocations += 1;
  consumer.messages += messages;
};

/** The counts since the last call, which starts counting afresh. */
export const takeUsage = () => {
  const taken = { usage, consumer };
  usage = { request: empty(), ledger: empty(), consumer: empty(), hub: empty() };
  consumer = { invocations: 0, messages: 0 };
  return taken;
};

type Meta = { rows_read?: number; rows_written?: number };

const addMeta = (u: Usage, meta: Meta | undefined) => {
  u.rowsRead += meta?.rows_read ?? 0;
  u.rowsWritten += meta?.rows_written ?? 0;
};

/** `raw()` answers without meta: the rows it returned are the closest count of rows read. */
const addRaw = (u: Usage, rows: unknown[]) => {
  u.rowsRead += rows.length;
};

const unwrapped = new WeakMap<object, D1PreparedStatement>();

const meterStatement = (u: Tally, real: D1PreparedStatement): D1PreparedStatement => {
  const call = () => {
    u().d1Calls += 1;
    u().d1Statements += 1;
  };
  const wrapped = {
    bind: (...values: unknown[]) => meterStatement(u, real.bind(...values)),
    first: (column?: string) => {
      call();
      return column === undefined ? real.first() : real.first(column);
    },
    run: async () => {
      call();
      const result = await real.run();
      addMeta(u(), result.meta);
      return result;
    },
    all: async () => {
      call();
      const result = await real.all();
      addMeta(u(), result.meta);
      return result;
    },
    raw: async (options?: { columnNames?: boolean }) => {
      call();
      const rows = await real.raw(options as { columnNames: true });
      addRaw(u(), rows);
      return rows;
    },
  } as unknown as D1PreparedStatement;
  unwrapped.set(wrapped, real);
  return wrapped;
};

const meterD1 = (u: Tally, db: D1Database): D1Database =>
  ({
    prepare: (sql: string) => meterStatement(u, db.prepare(sql)),
    batch: async (statements: D1PreparedStatement[]) => {
      u().d1Calls += 1;
      u().d1Statements += statements.length;
      const results = await db.batch(statements.map((s) => unwrapped.get(s) ?? s));
      for (const result of results) addMeta(u(), result.meta);
      return results;
    },
    exec: (sql: string) => {
      u().d1Calls += 1;
      u().d1Statements += 1;
      return db.exec(sql);
    },
    withSession: () => {
      throw new Error("sessions are not metered");
    },
    dump: () => db.dump(),
  }) as unknown as D1Database;

/** Every method called on a stub is one billed Durable Object request (one RPC session). */
const meterStub = <T extends object>(u: Tally, stub: T): T =>
  new Proxy(stub, {
    get: (target, property) => {
      const value = (target as Record<PropertyKey, unknown>)[property];
      if (typeof value !== "function" || property === "then") return value;
      // Reflect.apply: `value.apply` would name a remote method called "apply".
      return (...args: unknown[]) => {
        u().doRequests += 1;
        return Reflect.apply(value, target, args);
      };
    },
  });

const meterNamespace = <N extends DurableObjectNamespace<any>>(u: Tally, ns: N): N =>
  new Proxy(ns, {
    get: (target, property) => {
      const value = (target as unknown as Record<PropertyKey, unknown>)[property];
      if (typeof value !== "function") return value;
      if (property !== "get" && property !== "getByName") return value.bind(target);
      return (...args: unknown[]) => meterStub(u, Reflect.apply(value, target, args));
    },
  });

const QUEUE_OPERATION_BYTES = 64 * 1024;
const operations = (body: unknown) =>
  Math.max(1, Math.ceil(JSON.stringify(body ?? null).length / QUEUE_OPERATION_BYTES));

const meterQueue = (u: Tally, queue: Queue): Queue =>
  ({
    send: (body: unknown, options?: QueueSendOptions) => {
      u().queueWrites += operations(body);
      return queue.send(body, options);
    },
    sendBatch: (messages: Iterable<MessageSendRequest>, options?: QueueSendBatchOptions) => {
      const list = [...messages];
      for (const m of list) u().queueWrites += operations(m.body);
      return queue.sendBatch(list, options);
    },
  }) as Queue;

const metered = new WeakMap<Env, Map<Origin, Env>>();

/** The environment as `origin` sees it, its bindings counted; built once per origin. */
export const meter = (env: Env, origin: Origin): Env => {
  let byOrigin = metered.get(env);
  if (!byOrigin) {
    byOrigin = new Map();
    metered.set(env, byOrigin);
  }
  const known = byOrigin.get(origin);
  if (known) return known;
  // Counts land in the current tally, also after `takeUsage` replaced it.
  const u: Tally = () => usage[origin];
  const wrapped: Env = {
    ...env,
    DB: meterD1(u, env.DB),
    EVENT_LEDGER: meterNamespace(u, env.EVENT_LEDGER),
    ATTENDEE_HUB: meterNamespace(u, env.ATTENDEE_HUB),
    NOTIFY_QUEUE: meterQueue(u, env.NOTIFY_QUEUE),
  };
  byOrigin.set(origin, wrapped);
  return wrapped;
};
