/**
 * The parts a booking is made of, each alone, for the benchmark's "part:" phases: a request
 * the Worker answers at once, without the app (the runtime's own share), a ledger call
 * that stores nothing, one that writes two rows in a transaction (a booking and its
 * outbox record), a D1 batch that writes a row (a copy), and a queue message sent and
 * consumed (a notification's trip). Only the benchmark's Worker entry serves them.
 */
export const PART_PATH = "/__bench/part/";

export type Part = "none" | "call" | "write" | "d1" | "queue";

const PARTS: readonly Part[] = ["none", "call", "write", "d1", "queue"];
const isPart = (name: string): name is Part => (PARTS as readonly string[]).includes(name);

/** One object for every part request, as one hot event's ledger takes every booking. */
const PART_LEDGER = "bench-part";

/** About the size of a booking row, and of its outbox record. */
const ROW_BODY = "x".repeat(512);

/** What a part's ledger call runs on (the benchmark's ledger subclass provides it). */
export interface PartLedger {
  part(write: boolean): Promise<number>;
}

/** The table the parts write to, in the ledger's storage and in D1. */
const PART_TABLE =
  "CREATE TABLE IF NOT EXISTS bench_part (id TEXT PRIMARY KEY, body TEXT NOT NULL)";
/** Storages holding the table already: the part measures the transaction alone. */
const withTable = new WeakSet<DurableObjectStorage>();

/** The two rows of a booking's decision, in one transaction. */
export const writeTwoRows = (storage: DurableObjectStorage) => {
  if (!withTable.has(storage)) {
    storage.sql.exec(PART_TABLE);
    withTable.add(storage);
  }
  storage.transactionSync(() => {
    for (let i = 0; i < 2; i++) {
      storage.sql.exec(
        "INSERT INTO bench_part (id, body) VALUES (?, ?)",
        crypto.randomUUID(),
        ROW_BODY,
      );
    }
  });
  return 2;
};

let d1Table: Promise<unknown> | null = null;

/** A queue message the benchmark's consumer acknowledges without handing it to the app. */
type PartMessage = { benchPart: true; body: string };
export const isPartMessage = (body: unknown) =>
  typeof body === "object" && body !== null && (body as PartMessage).benchPart === true;

export const servePart = async (name: string, env: Env): Promise<Response> => {
  if (!isPart(name)) return new Response("no such part", { status: 404 });
  if (name === "none") return Response.json({});
  if (name === "call" || name === "write") {
    const ledger = env.EVENT_LEDGER.getByName(PART_LEDGER) as unknown as PartLedger;
    return Response.json({ rows: await ledger.part(name === "write") });
  }
  if (name === "d1") {
    d1Table ??= env.DB.prepare(PART_TABLE).run();
    await d1Table;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO bench_part (id, body) VALUES (?, ?)").bind(
        crypto.randomUUID(),
        ROW_BODY,
      ),
    ]);
    return Response.json({ rows: 1 });
  }
  const message: PartMessage = { benchPart: true, body: ROW_BODY };
  await env.NOTIFY_QUEUE.send(message);
  return Response.json({ messages: 1 });
};
