/** D1 refuses a statement bound with more parameters than this; local workerd does not. */
export const D1_MAX_PARAMETERS = 100;
/** Nor a string or BLOB over 2 MB. */
export const D1_MAX_VALUE_BYTES = 2 * 1024 * 1024;

const byteLength = (value: unknown): number =>
  typeof value === "string" ? new TextEncoder().encode(value).byteLength : 0;

const callable = (target: object, name: string | symbol) => {
  const value = Reflect.get(target, name, target);
  return typeof value === "function" ? value.bind(target) : value;
};

/**
 * `real` as production enforces it: binding a statement with more than D1's maximum
 * parameters, or a string past its size, throws. `bound.widest` is the most parameters any
 * statement was bound with so far, `bound.largest` the longest string in bytes.
 */
export const parameterGuard = (real: D1Database) => {
  const bound = { widest: 0, largest: 0 };
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
          const largest = Math.max(0, ...values.map(byteLength));
          if (largest > D1_MAX_VALUE_BYTES) {
            throw new Error(`bound a value of ${largest} bytes; D1 allows ${D1_MAX_VALUE_BYTES}`);
          }
          bound.largest = Math.max(bound.largest, largest);
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
