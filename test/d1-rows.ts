/**
 * `real` with every row written counted, as D1 bills them: its own `meta.rows_written`,
 * which counts each index entry a write touches. Reads through `first()` report no meta
 * and write nothing.
 */
export const rowCounter = (real: D1Database) => {
  const counted = { written: 0 };
  const add = <R extends { meta?: { rows_written?: number } }>(result: R) => {
    counted.written += result.meta?.rows_written ?? 0;
    return result;
  };
  const unwrapped = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get: (target, name) => {
        if (name === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        if (name === "run" || name === "all") {
          return async () => add(await target[name]());
        }
        const value = Reflect.get(target, name, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    unwrapped.set(proxy, statement);
    return proxy;
  };
  const db = new Proxy(real, {
    get: (target, name) => {
      if (name === "prepare") return (query: string) => wrap(target.prepare(query));
      if (name === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements.map((s) => unwrapped.get(s) ?? s));
          for (const result of results) add(result);
          return results;
        };
      }
      const value = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, counted };
};
