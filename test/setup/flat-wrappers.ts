/**
 * The pool serves `exports.default` and each Durable Object through wrapper classes whose
 * constructor wraps the class's prototype in one more Proxy every time it runs
 * (`Class.prototype = new Proxy(Class.prototype, …)` in cloudflare:test-internal). Every
 * request and every new object instance so adds a layer that each later property lookup
 * walks through: request N costs O(N), and a file of a few hundred requests spends most of
 * its time there (cloudflare/workers-sdk#15446; measured here: 3 ms a request at first,
 * 400 ms after 800).
 *
 * The layers are identical (each one asks the same prototype, then the same fallback), so
 * one does what all of them do: a wrapper layer over a wrapper layer is skipped here, and
 * the prototype stays one Proxy deep. Recognised by its handler, a single `get` trap that
 * calls `getUnknownPrototypeKey`; should a pool version name it differently, nothing here
 * matches and the tests only run slower.
 */
const PATCHED = Symbol.for("event-booking.flat-wrappers");
const scope = globalThis as typeof globalThis & { [PATCHED]?: true };

if (!scope[PATCHED]) {
  scope[PATCHED] = true;
  const NativeProxy = Proxy;
  const wrapperLayers = new WeakSet<object>();
  const isWrapperLayer = (handler: ProxyHandler<object>) =>
    Object.keys(handler).join() === "get" && String(handler.get).includes("getUnknownPrototypeKey");
  globalThis.Proxy = new NativeProxy(NativeProxy, {
    construct(target, args, newTarget) {
      const [object, handler] = args as [object, ProxyHandler<object>];
      const layer = isWrapperLayer(handler);
      if (layer && wrapperLayers.has(object)) return object;
      const made = Reflect.construct(target, args, newTarget);
      if (layer) wrapperLayers.add(made);
      return made;
    },
  });
}
