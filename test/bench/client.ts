export interface Answer<T = any> {
  status: number;
  body: T;
}

/**
 * One JSON call to the local server, bounded in time. `address` is the simulated client's
 * (CF-Connecting-IP): limits per address apply to it, not to the whole run.
 */
export const call = async <T = any>(
  base: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    address?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer<T>> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.address) headers["cf-connecting-ip"] = options.address;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  // wrangler dev's proxy answers some failures in plain text.
  const json = res.headers.get("content-type")?.includes("json");
  return { status: res.status, body: text ? (json ? JSON.parse(text) : text) : null };
};

/** Like `call`, but anything other than the expected status is a failure. */
export const expectCall = async <T = any>(
  expected: number,
  ...args: Parameters<typeof call>
): Promise<T> => {
  const answer = await call<T>(...args);
  if (answer.status !== expected) {
    throw new Error(
      `${args[1]} ${args[2]} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
};

/** Runs `task` over `items`, at most `width` at a time, in order of the items. */
export const inBatches = async <T, R>(
  items: readonly T[],
  width: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    const slice = items.slice(start, start + width);
    results.push(...(await Promise.all(slice.map((item, i) => task(item, start + i)))));
  }
  return results;
};
