/** D1 refuses a statement bound with more parameters than this; local workerd does not. */
export const D1_MAX_PARAMETERS = 100;

const callable = (target: object, name: string | symbol) => {
  const value = Reflect.get(target, name, target);
  return typeof value === "function" ? value.bind(target) : value;
};

/**
 * `real` as production enforces it: binding a statement with more than D1's maximum
 * throws. `bound.widest` is the most parameters any statement was bound with so far.
 */
export const parameterGuard = (real: D1Database) => {
  const bound = { widest: 0 };
  // batch() takes the runtime's own statements, not the proxies handed out here.
  const unwrapped = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
  const guarded = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get: (target, name) => {
        if (name !== "bind") return callable(target, name);
        return (...values: unknown[]) => {
          if (values.length > D1_MAX_PARAMETERS) {
            throw new Error(`bound ${values.length} parameters; D1 allows ${D1_MAX_PARAMETERS}`);
          }
          bound.widest = Math.max(bound.widest, values.length);
          return guarded(target.bind(...values));
        };
      },
    });
    unwrapped.set(proxy, statement);
    return proxy;
  };
  const db = new Proxy(real, {
    get: (target, name) => {
      if (name === "prepare") return (query: string) => guarded(target.prepare(query));
      if (name === "batch") {
        return (statements: D1PreparedStatement[]) =>
          target.batch(statements.map((s) => unwrapped.get(s) ?? s));
      }
      return callable(target, name);
    },
  });
  return { db, bound };
};
