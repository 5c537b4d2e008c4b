/**
 * Maps `items` through `run` with at most `width` calls in flight, answering in the items'
 * order. Workers keeps at most six connections open per invocation and queues the rest; a
 * call that started its own deadline while queued could expire before it is even sent.
 */
export const mapPooled = async <T, R>(
  items: readonly T[],
  width: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
};
