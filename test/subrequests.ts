/**
 * Counting wrappers for the subrequests an invocation makes (Cloudflare allows 1,000 per
 * invocation) and for the D1 round trips a request path spends.
 */
export interface Counts {
  d1: number;
  d1Statements: number;
  queueSends: number;
  hubCalls: number;
  fetches: number;
}

export const zeroCounts = (): Counts => ({
  d1: 0,
  d1Statements: 0,
  queueSends: 0,
  hubCalls: 0,
  fetches: 0,
});

/** Every subrequest an invocation made, as Workers counts them. */
export const subrequests = (c: Counts) => c.d1 + c.queueSends + c.hubCalls + c.fetches;

const originals = new WeakMap<object, D1PreparedStatement>();
const unwrap = (s: D1PreparedStatement) => originals.get(s) ?? s;

/**
 * Wraps the D1 binding so each round trip is counted: a query run on its own, or a
 * batch of statements (one round trip, `d1Statements` tells how many it carried).
 */
export const countingD1 = (db: D1Database, counts: Counts): D1Database => {
  const statement = (s: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "bind") return (...args: unknown[]) => statement(value.apply(target, args));
        if (["run", "all", "first", "raw"].includes(String(prop))) {
          return (...args: unknown[]) => {
            counts.d1++;
            counts.d1Statements++;
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    originals.set(proxy, s);
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "prepare") return (query: string) => statement(target.prepare(query));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          counts.d1++;
          counts.d1Statements += statements.length;
          // The proxies unwrap to the statements D1 expects.
          return target.batch(statements.map(unwrap));
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
};
